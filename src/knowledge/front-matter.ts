import { parse as parseYaml, type YAMLError } from 'yaml';
import { z } from 'zod';
import { isoDay } from './iso-day.js';
import type { BoilerplateOverride, DocumentMeta, SourceFormat } from './types.js';

/**
 * The longest value each front-matter field may hold, in characters. Citations show these on
 * every answer, in Slack, Discord and on the command line, so a runaway value (a whole article
 * pasted into `title`) would cost every answer; it is refused at load, naming the field.
 */
export const FRONT_MATTER_LIMITS = Object.freeze({
  id: 100,
  title: 300,
  author: 300,
  publisher: 300,
  url: 2_000,
  about: 1_000,
  addedBy: 200,
  /** Entries in `boilerplate.drop` or `boilerplate.keep`, and characters in each text entry. */
  overrideEntries: 500,
  overrideText: 300,
  /** The whole front matter block, in characters, checked before it is parsed at all. */
  block: 64 * 1024,
});

const count = (n: number) => n.toLocaleString('en-US');
/** "is 10,485,760 characters long; the limit is 300 (shorten it)" */
const tooLongMessage = (limit: number, value: unknown) =>
  `is ${count(typeof value === 'string' ? value.length : 0)} characters long; the limit is ${count(limit)} (shorten it)`;

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

/** An optional text field of at most `limit` characters. */
const boundedText = (limit: number) =>
  optionalText.refine((value) => value === null || value.length <= limit, {
    error: (issue) => tooLongMessage(limit, issue.input),
  });

const overrideEntry = z.union([
  z.number().int().positive(),
  z
    .string()
    .min(1)
    .refine((value) => value.length <= FRONT_MATTER_LIMITS.overrideText, {
      error: (issue) => tooLongMessage(FRONT_MATTER_LIMITS.overrideText, issue.input),
    }),
]);
const overrideList = z
  .array(overrideEntry)
  .max(FRONT_MATTER_LIMITS.overrideEntries, `at most ${FRONT_MATTER_LIMITS.overrideEntries} entries`)
  .default([]);

/** True for `YYYY-MM-DD` naming a day that exists (no 2017-02-30). */
function isCalendarDate(value: string): boolean {
  return isoDay(value) === value;
}

const frontMatterSchema = z.object({
  id: z
    .string({ error: 'id is required' })
    .max(FRONT_MATTER_LIMITS.id, `id must be at most ${FRONT_MATTER_LIMITS.id} characters`)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lowercase letters, digits and dashes'),
  title: boundedText(FRONT_MATTER_LIMITS.title),
  publisher: boundedText(FRONT_MATTER_LIMITS.publisher),
  author: boundedText(FRONT_MATTER_LIMITS.author),
  date: z
    .union([z.string(), z.date(), z.null()])
    .optional()
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value || null))
    .refine(
      (value) => value === null || isCalendarDate(value),
      'date must be a real date written YYYY-MM-DD',
    ),
  url: boundedText(FRONT_MATTER_LIMITS.url).refine(
    (value) => value === null || /^https?:\/\//.test(value),
    'url must start with http',
  ),
  about: boundedText(FRONT_MATTER_LIMITS.about),
  added_by: boundedText(FRONT_MATTER_LIMITS.addedBy),
  added_at: z
    .union([z.string(), z.date(), z.null()])
    .optional()
    .transform((value) => (value instanceof Date ? value.toISOString() : value || null))
    .refine(
      (value) => value === null || !Number.isNaN(Date.parse(value)),
      'added_at must be a time written like 2026-12-04T16:00:00Z',
    ),
  format: z
    .union([z.enum(['html', 'pdf']), z.null()])
    .optional()
    .transform((value) => value ?? null),
  boilerplate: z.object({ drop: overrideList, keep: overrideList }).optional(),
});

export interface ParsedFile {
  meta: DocumentMeta;
  format: SourceFormat;
  override: BoilerplateOverride;
  body: string;
}

/** Errors the YAML parser gives for a plain value holding `: `, ` #` or a reserved first character. */
const NEEDS_QUOTES = new Set([
  'BLOCK_AS_IMPLICIT_KEY',
  'BAD_SCALAR_START',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
]);

/**
 * A YAML error as a reader can act on it: the line in the file (the opening `---` is line 1), the
 * line itself, and the fix. A value such as `title: Study: the results` needs quotes.
 */
function describeYamlError(error: YAMLError, yaml: string): string {
  const reason = error.message.split(' at line')[0]?.split('\n')[0] ?? 'unreadable';
  const yamlLine = error.linePos?.[0]?.line;
  if (yamlLine === undefined) return `broken front matter: ${reason}`;
  const lines = yaml.split(/\r?\n/);
  // The parser sometimes blames the line after the broken one (an unclosed quote or bracket);
  // a `key: value` line that needs quotes is the one to show.
  const candidates = [yamlLine, yamlLine - 1].filter((n) => n >= 1 && n <= lines.length);
  const keyValue = /^([A-Za-z_][\w-]*):[ \t]+(.+)$/;
  const risky = (n: number) => {
    const match = keyValue.exec(lines[n - 1] ?? '');
    return match !== null && /:\s|\s#|^[@`'"[{&*!|>%]/.test(match[2] ?? '');
  };
  const blamed = candidates.find(risky);
  const line = blamed ?? yamlLine;
  const text = lines[line - 1] ?? '';
  const where = `broken front matter, line ${line + 1}: ${JSON.stringify(text.trim())}`;
  const match = keyValue.exec(text);
  if (match && blamed !== undefined && (NEEDS_QUOTES.has(error.code) || blamed !== yamlLine)) {
    const value = (match[2] ?? '').trim().replace(/^["']|["']$/g, '');
    return `${where}: ${reason}; put the value in quotes: ${match[1]}: ${JSON.stringify(value)}`;
  }
  return `${where}: ${reason}; if the value holds ": ", " #" or starts with a quote or bracket, put it in quotes`;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits a knowledge file into validated front matter and its body. The body is everything
 * after the closing `---` line, byte for byte. Throws an Error whose message is the reason.
 */
export function parseKnowledgeFile(text: string): ParsedFile {
  const fence = FENCE.exec(text);
  const block = fence?.[1] ?? '';
  if (block.length > FRONT_MATTER_LIMITS.block) {
    throw new Error(
      `front matter too long: ${tooLongMessage(FRONT_MATTER_LIMITS.block, block)}; the article text goes after the closing ---`,
    );
  }
  if (!fence) throw new Error('no front matter: the file must start with a --- line and close it with ---');
  let raw: unknown;
  try {
    raw = parseYaml(fence[1] ?? '');
  } catch (error) {
    throw new Error(describeYamlError(error as YAMLError, fence[1] ?? ''));
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error('broken front matter: expected key: value lines');
  }
  const result = frontMatterSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'front matter'}: ${issue.message}`,
    );
    throw new Error(`invalid front matter: ${issues.join('; ')}`);
  }
  const { id, title, publisher, author, date, url, about, format, boilerplate } = result.data;
  const { added_by: addedBy, added_at: addedAt } = result.data;
  const body = text.slice(fence[0].length);
  if (body.trim() === '') throw new Error('empty body: the file has front matter but no text');
  return {
    meta: {
      id,
      title,
      publisher: publisher ?? '',
      author,
      date,
      url,
      about: about ?? '',
      ...(addedBy && addedAt ? { added: { by: addedBy, at: addedAt } } : {}),
    },
    format,
    override: boilerplate ?? { drop: [], keep: [] },
    body,
  };
}
