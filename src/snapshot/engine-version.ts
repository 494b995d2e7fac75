import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bumped when the snapshot layout changes. 3: paragraphs keep their number as a reader counts
 * them (`paragraphs.readerNumber`), which citations give.
 */
export const SNAPSHOT_FORMAT = 3;

/**
 * The code root: `src/` under tsx, and also when running compiled code from `dist/` beside it (so
 * tsx, `npm run ask` and `npm start` share snapshots); `dist/` alone in the image.
 */
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.resolve(HERE, '..', 'src');
const CODE_ROOT = existsSync(path.join(SOURCES, 'snapshot', 'engine-version.ts')) ? SOURCES : HERE;

/**
 * Source files that shape what a snapshot holds: how files are parsed into documents, which
 * sentences are indexed and how their words become terms. Any change to any file in these
 * folders gives a new engine version; only the search files that work at question time are left
 * out, so retuning the ranking keeps snapshots valid.
 */
const SHAPING_FOLDERS = ['knowledge', 'search', 'snapshot'];
const SHAPING_FILES = ['answer/index-documents', 'answer/excerpt'];
const QUESTION_TIME_ONLY = new Set([
  'lemmas',
  'answer-model',
  'candidate-similarity',
  'entity-kinds',
  'query',
  'rank',
  'speller',
  'sentence-encoder',
  'synonyms',
  'title-context',
  'word-vectors',
]);

let cached: string | undefined;

/** A fingerprint of the code that builds the index: snapshots from other code are not used. */
export function engineVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const folder of SHAPING_FOLDERS) {
    for (const name of readdirSync(path.join(CODE_ROOT, folder)).sort()) {
      const stem = name.replace(/\.(ts|js)$/, '');
      if (stem === name || (folder === 'search' && QUESTION_TIME_ONLY.has(stem))) continue;
      files.push(path.join(folder, name));
    }
  }
  for (const file of SHAPING_FILES) {
    const ts = `${file}.ts`;
    files.push(
      readdirSync(path.join(CODE_ROOT, path.dirname(file))).includes(path.basename(ts)) ? ts : `${file}.js`,
    );
  }
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(CODE_ROOT, file)))
      .update('\0');
  cached = `${SNAPSHOT_FORMAT}-${hash.digest('hex').slice(0, 16)}`;
  return cached;
}

/**
 * Engine options that only act at question time. Every other option is assumed to shape the
 * index and goes into the snapshot key, so a new option is safe by default.
 */
const ANSWER_ONLY_OPTIONS = new Set([
  'meaning',
  'maxExcerpts',
  'maxQuoteLength',
  'maxQuestionLength',
  'minConfidence',
  'minRelativeScore',
  'repeatSourcePenalty',
  'maxSuggestions',
  'rank',
  'weights',
  'vectors',
]);

/** The settings a snapshot is keyed by: the engine options that may shape the index. */
export function indexSettings(engineOptions: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(engineOptions)
      .filter(([name, value]) => !ANSWER_ONLY_OPTIONS.has(name) && value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
