import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { markBoilerplate } from './boilerplate.js';
import { KnowledgeError, KnowledgeErrorCode } from './errors.js';
import { parseKnowledgeFile } from './front-matter.js';
import { segmentBody } from './segment.js';
import type { KnowledgeDocument, KnowledgeLoad, KnowledgeProblem } from './types.js';

/** Knowledge files are Markdown with YAML front matter; anything else in the folder is ignored. */
export const KNOWLEDGE_EXTENSION = '.md';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds a document from a file's bytes; throws an Error whose message is the reason. */
export function parseKnowledgeDocument(file: string, bytes: Uint8Array): KnowledgeDocument {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8: save the file as UTF-8 text');
  }
  const { meta, override, body } = parseKnowledgeFile(text.replace(/^\uFEFF/, ''));
  const paragraphs = markBoilerplate(body, segmentBody(body), override);
  if (paragraphs.every((paragraph) => paragraph.boilerplate !== null)) {
    throw new Error('no article text: every paragraph was classified as boilerplate');
  }
  return { meta, file, body, paragraphs };
}

/**
 * Reads every `*.md` file in `dir`. A file that cannot be used (broken front matter, duplicate
 * id, empty body, bytes that are not UTF-8) becomes a KnowledgeProblem naming the file; the
 * others still load. Files load in name order, so of two files with the same id the first wins.
 * Throws KnowledgeError only when the folder itself is missing or unreadable.
 */
export async function loadKnowledge(dir: string): Promise<KnowledgeLoad> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    names = (await readdir(dir)).filter((name) => name.endsWith(KNOWLEDGE_EXTENSION)).sort();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new KnowledgeError(
      missing ? KnowledgeErrorCode.FolderMissing : KnowledgeErrorCode.FolderUnreadable,
      missing
        ? `knowledge folder not found: ${path.resolve(dir)} (set KNOWLEDGE_DIR to the folder holding the .md sources)`
        : `knowledge folder unreadable: ${path.resolve(dir)}: ${(error as Error).message}`,
    );
  }
  const documents: KnowledgeDocument[] = [];
  const problems: KnowledgeProblem[] = [];
  const idOwners = new Map<string, string>();
  for (const name of names) {
    try {
      const document = parseKnowledgeDocument(name, await readFile(path.join(dir, name)));
      const owner = idOwners.get(document.meta.id);
      if (owner) throw new Error(`duplicate id "${document.meta.id}": ${owner} already uses it`);
      idOwners.set(document.meta.id, name);
      documents.push(document);
    } catch (error) {
      problems.push({ file: name, reason: (error as Error).message });
    }
  }
  return { documents, problems };
}
