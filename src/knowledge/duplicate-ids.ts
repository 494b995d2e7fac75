import path from 'node:path';
import type { KnowledgeDocument, KnowledgeProblem } from './types.js';

/** A file that loaded, with when its content last changed (for the last rule below). */
export interface LoadedFile {
  document: KnowledgeDocument;
  mtimeMs: number;
}

/** Which file serves each id now (id → file name), as the running index has it. */
export type EstablishedIds = ReadonlyMap<string, string>;

/**
 * Of several files with one id, which keeps it. The rule, the same at start-up, on reload and
 * in `check-knowledge`, so an id is never taken over silently:
 * 1. the file that serves the id now (on reload: the running index's);
 * 2. else the file named after the id (`<id>.md`), which is how the seed and `add` name files;
 * 3. else the file whose content changed longest ago (the established one), then by name.
 * Every other file with that id is reported as a problem naming the file that keeps it.
 */
export function settleDuplicateIds(
  files: readonly LoadedFile[],
  established: EstablishedIds = new Map(),
): { documents: KnowledgeDocument[]; problems: KnowledgeProblem[] } {
  const byId = new Map<string, LoadedFile[]>();
  for (const file of files) {
    const group = byId.get(file.document.meta.id);
    if (group) group.push(file);
    else byId.set(file.document.meta.id, [file]);
  }
  const documents: KnowledgeDocument[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const [id, group] of byId) {
    const keeper = group.reduce((best, file) => (precedes(file, best, id, established) ? file : best));
    documents.push(keeper.document);
    for (const file of group) {
      if (file === keeper) continue;
      problems.push({
        file: file.document.file,
        reason: `duplicate id "${id}": ${keeper.document.file} already has it and keeps serving it (${whyKept(keeper, id, established)}); give this file an id of its own`,
      });
    }
  }
  const byName = (a: { file: string }, b: { file: string }) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  return { documents: documents.sort(byName), problems: problems.sort(byName) };
}

function namedAfter(file: LoadedFile, id: string): boolean {
  return path.parse(file.document.file).name === id;
}

/** True when `a` has a better claim to `id` than `b`. */
function precedes(a: LoadedFile, b: LoadedFile, id: string, established: EstablishedIds): boolean {
  const serving = established.get(id);
  if (serving !== undefined && (a.document.file === serving) !== (b.document.file === serving)) {
    return a.document.file === serving;
  }
  if (namedAfter(a, id) !== namedAfter(b, id)) return namedAfter(a, id);
  if (a.mtimeMs !== b.mtimeMs) return a.mtimeMs < b.mtimeMs;
  return a.document.file < b.document.file;
}

function whyKept(keeper: LoadedFile, id: string, established: EstablishedIds): string {
  if (established.get(id) === keeper.document.file) return 'it was serving the id already';
  if (namedAfter(keeper, id)) return 'it is named after the id';
  return 'it is the older file';
}
