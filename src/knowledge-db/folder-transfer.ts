import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { IMPORT_BATCH, type KnowledgeDatabase, type KnowledgeFile } from './knowledge-db.js';

/** What an import did. */
export interface ImportResult {
  sources: number;
  problems: KnowledgeProblem[];
  ms: number;
}

/**
 * Loads a knowledge folder into the database with the folder engine's own loader (the same
 * documents, duplicate ids settled the same way), in batches; a source already stored under the
 * same id or file name is replaced. Into an empty store it is a fresh bulk import (indexes and
 * statistics written once at the end). `progress` hears the sources stored so far.
 */
export async function importFolder(
  db: KnowledgeDatabase,
  dir: string,
  progress?: (stored: number) => void,
): Promise<ImportResult> {
  const started = performance.now();
  const { documents, problems } = await loadKnowledge(dir);
  // Read batch by batch as the store asks for them: one put, so an empty store takes the bulk path.
  async function* batches(): AsyncGenerator<KnowledgeFile[]> {
    for (let at = 0; at < documents.length; at += IMPORT_BATCH)
      yield Promise.all(
        documents.slice(at, at + IMPORT_BATCH).map(async (document) => ({
          file: document.file,
          bytes: await readFile(path.join(dir, document.file)),
          document,
        })),
      );
  }
  const stored = await db.put(batches(), progress);
  problems.push(...stored.problems);
  const sources = stored.ids.length;
  return { sources, problems, ms: performance.now() - started };
}

/** Writes every stored source back as its knowledge file, byte for byte; returns how many. */
export async function exportFolder(db: KnowledgeDatabase, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let written = 0;
  for await (const { file, bytes } of db.files()) {
    // Stored names are the folder's own file names; never a path outside the folder.
    await writeFile(path.join(dir, path.basename(file)), bytes);
    written++;
  }
  return written;
}
