import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BotError, ErrorCode } from '../errors.js';
import { markBoilerplate } from './boilerplate.js';
import { type EstablishedIds, type LoadedFile, settleDuplicateIds } from './duplicate-ids.js';
import { type ParsedFile, parseKnowledgeFile } from './front-matter.js';
import { pageStarts } from './pages.js';
import { segmentBody } from './segment.js';
import type { FileStamp, KnowledgeDocument, KnowledgeLoad, KnowledgeProblem } from './types.js';

/** Knowledge files are Markdown with YAML front matter. */
export const KNOWLEDGE_EXTENSION = '.md';
/** Plain text files load too: title from the first line, id from the file name. */
export const TEXT_EXTENSION = '.txt';
/** Files that must go through `npm run add` first: the loader names them instead of ignoring them. */
const NEEDS_ADD = /\.(?:pdf|html?|xhtml)$/i;

/** A plain text file as a source: its first line is the title, the whole text the body. */
function parseTextFile(file: string, text: string): ParsedFile {
  if (/^---[ \t]*\r?\n/.test(text)) return parseKnowledgeFile(text);
  if (text.trim() === '') throw new Error('empty file: a text source needs some text');
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const id =
    path
      .basename(file, path.extname(file))
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'text';
  return {
    meta: {
      id,
      title: firstLine.replace(/^#+\s*/, '').trim() || null,
      publisher: '',
      author: null,
      date: null,
      url: null,
      about: '',
    },
    format: null,
    override: { drop: [], keep: [] },
    body: text,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds a document from a file's bytes; throws an Error whose message is the reason. */
export function parseKnowledgeDocument(file: string, bytes: Uint8Array): KnowledgeDocument {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8: save the file as UTF-8 text');
  }
  const content = text.replace(/^\uFEFF/, '');
  const { meta, format, override, body } = file.toLowerCase().endsWith(TEXT_EXTENSION)
    ? parseTextFile(file, content)
    : parseKnowledgeFile(content);
  const paragraphs = markBoilerplate(body, segmentBody(body), override, { structure: format === null });
  if (paragraphs.every((paragraph) => paragraph.boilerplate !== null)) {
    throw new Error('no article text: every paragraph was classified as boilerplate');
  }
  return { meta, format, pageStarts: pageStarts(body, format === 'pdf'), file, body, paragraphs };
}

/** Options for loadKnowledge; the reuse options skip work and never change the result. */
export interface LoadOptions {
  /**
   * Which file serves each id now (a reload passes the running index's), so of two files with
   * one id the one already serving keeps it. See settleDuplicateIds for the whole rule.
   */
  established?: EstablishedIds;
  /**
   * The document already made from a file with this content hash (its bytes are passed for
   * documents that keep only offsets), or undefined to parse the file.
   */
  reuse?: (file: string, hash: string, bytes: Uint8Array) => KnowledgeDocument | undefined;
  /**
   * The stamp and document of each file at the previous load: a file whose size and modification
   * time are both unchanged is not read again (a reload after a one-file edit reads one file).
   */
  previous?: ReadonlyMap<string, { stamp: FileStamp; document: KnowledgeDocument }>;
}

/** SHA-256 of a file's bytes, hex: what snapshots and reloads compare. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads every `*.md` and `*.txt` file in `dir`; a PDF or HTML file is reported with the command
 * that turns it into a source. A file that cannot be used (broken front matter, empty body,
 * bytes that are not UTF-8, an id another file keeps) becomes a KnowledgeProblem naming the
 * file; the others still load, in name order. Of two files with one id, the established one
 * keeps it and the other is reported naming both (settleDuplicateIds).
 * Throws BotError only when the folder itself is missing or unreadable.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeLoad> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    names = (await readdir(dir))
      .filter((name) => !name.startsWith('.'))
      .filter((name) => {
        const lower = name.toLowerCase();
        return lower.endsWith(KNOWLEDGE_EXTENSION) || lower.endsWith(TEXT_EXTENSION) || NEEDS_ADD.test(name);
      })
      .sort();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BotError(
      missing ? ErrorCode.KnowledgeFolderMissing : ErrorCode.KnowledgeFolderUnreadable,
      missing
        ? `knowledge folder not found: ${path.resolve(dir)} (set KNOWLEDGE_DIR to the folder holding the .md sources)`
        : `knowledge folder unreadable: ${path.resolve(dir)}: ${(error as Error).message}`,
    );
  }
  const loaded: LoadedFile[] = [];
  const problems: KnowledgeProblem[] = [];
  const stamps = new Map<string, FileStamp>();
  for (const name of names) {
    if (NEEDS_ADD.test(name)) {
      problems.push({
        file: name,
        reason: `a ${path.extname(name).slice(1).toUpperCase()} file is not read as it is: run npm run add -- ${path.join(dir, name)} (it writes a .md source beside it), then move ${name} out of the folder`,
      });
      continue;
    }
    try {
      const document = readDocument(path.join(dir, name), name, options, stamps);
      loaded.push({ document, mtimeMs: (stamps.get(name) as FileStamp).mtimeMs });
    } catch (error) {
      problems.push({ file: name, reason: (error as Error).message });
    }
  }
  const settled = settleDuplicateIds(loaded, options.established);
  return {
    documents: settled.documents,
    problems: [...problems, ...settled.problems].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
    ),
    stamps,
  };
}

/**
 * Some file systems keep modification times to the second or coarser: a file modified again
 * within that time of being read keeps its time. Its stamp is trusted only when the file had
 * not been modified for a while before it was read (as git does with "racily clean" files).
 */
const TIME_GRANULARITY_MS = 2000;

/**
 * Reads one file, synchronously: thousands of small files read through the thread pool cost a
 * round trip each (open, stat, read, close), seconds on a busy machine; read directly they cost
 * milliseconds, and a reload only stats the files it does not read.
 */
function readDocument(
  file: string,
  name: string,
  options: LoadOptions,
  stamps: Map<string, FileStamp>,
): KnowledgeDocument {
  const known = options.previous?.get(name);
  // Stat before reading: if the file changes in between, the next reload sees a newer time.
  const readAtMs = Date.now();
  const { size, mtimeMs } = statSync(file);
  if (known && size === known.stamp.size && mtimeMs === known.stamp.mtimeMs && known.stamp.settled) {
    stamps.set(name, known.stamp);
    return known.document;
  }
  const bytes = readFileSync(file);
  const hash = contentHash(bytes);
  stamps.set(name, { hash, size, mtimeMs, settled: readAtMs - mtimeMs > TIME_GRANULARITY_MS });
  if (known && known.stamp.hash === hash) return known.document;
  return options.reuse?.(name, hash, bytes) ?? parseKnowledgeDocument(name, bytes);
}
