import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { BoilerplateOverride, DocumentMeta } from './types.js';

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

/** True for `YYYY-MM-DD` naming a day that exists (no 2017-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const overrideEntry = z.union([z.number().int().positive(), z.string().min(1)]);

const frontMatterSchema = z.object({
  id: z
    .string({ error: 'id is required' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lowercase letters, digits and dashes'),
  title: optionalText,
  publisher: optionalText,
  author: optionalText,
  date: z
    .union([z.string(), z.date(), z.null()])
    .optional()
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value || null))
    .refine(
      (value) => value === null || isCalendarDate(value),
      'date must be a real date written YYYY-MM-DD',
    ),
  url: optionalText.refine(
    (value) => value === null || /^https?:\/\//.test(value),
    'url must start with http',
  ),
  about: optionalText,
  boilerplate: z
    .object({ drop: z.array(overrideEntry).default([]), keep: z.array(overrideEntry).default([]) })
    .optional(),
});

export interface ParsedFile {
  meta: DocumentMeta;
  override: BoilerplateOverride;
  body: string;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits a knowledge file into validated front matter and its body. The body is everything
 * after the closing `---` line, byte for byte. Throws an Error whose message is the reason.
 */
export function parseKnowledgeFile(text: string): ParsedFile {
  const fence = FENCE.exec(text);
  if (!fence) throw new Error('no front matter: the file must start with a --- line and close it with ---');
  let raw: unknown;
  try {
    raw = parseYaml(fence[1] ?? '');
  } catch (error) {
    throw new Error(`broken front matter: ${(error as Error).message.split('\n')[0]}`);
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
  const { id, title, publisher, author, date, url, about, boilerplate } = result.data;
  const body = text.slice(fence[0].length);
  if (body.trim() === '') throw new Error('empty body: the file has front matter but no text');
  return {
    meta: { id, title, publisher: publisher ?? '', author, date, url, about: about ?? '' },
    override: boilerplate ?? { drop: [], keep: [] },
    body,
  };
}
