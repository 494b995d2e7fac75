import { createEngine, type Engine, type EngineOptions } from '../answer/index.js';
import type { IndexReuse } from '../answer/index-documents.js';
import { loadKnowledge } from '../knowledge/index.js';
import type { FileStamp, KnowledgeDocument, KnowledgeProblem } from '../knowledge/types.js';
import { type SnapshotLogger, type SnapshotStore, snapshotReuse } from '../snapshot/index.js';

/** An engine and what it was built from. */
export interface BuiltEngine {
  engine: Engine;
  /** Content hash, size and time of every file read, by name. */
  stamps: Map<string, FileStamp>;
  problems: KnowledgeProblem[];
  /** Documents taken over from the snapshot or the previous engine without re-indexing. */
  reused: number;
  /** Documents parsed and indexed afresh. */
  indexed: number;
  /** True when a snapshot was read and held exactly these documents (nothing to save). */
  matchesSnapshot: boolean;
}

export interface BuildOptions {
  /** The engine serving now: unchanged files (same size and time, or same hash) keep their documents and index. */
  previous?: BuiltEngine;
  /** Where the index is saved; read at start-up when there is no previous engine. */
  snapshot?: SnapshotStore;
  logger: SnapshotLogger;
}

/**
 * Reads the knowledge folder and builds the engine, doing only the work that changed: at
 * start-up, documents whose files still have the bytes the snapshot recorded are rebuilt from
 * it (no parsing, no indexing); on a reload, files unchanged since the previous engine keep
 * their documents. Either way the engine answers as one built from scratch would.
 */
export async function buildEngine(
  dir: string,
  engineOptions: Partial<EngineOptions>,
  options: BuildOptions,
): Promise<BuiltEngine> {
  const { previous, snapshot } = options;
  const saved = previous ? undefined : await snapshot?.read();
  const savedGroupOf = new Map(saved?.documents.map((document, group) => [document.file, group]));
  const restored = new Map<number, KnowledgeDocument>();
  const load = await loadKnowledge(dir, {
    // The files serving now keep their ids: a newcomer with a taken id is reported, not served.
    ...(previous
      ? {
          previous: previousDocuments(previous),
          established: new Map(
            previous.engine.documents.map((document) => [document.meta.id, document.file]),
          ),
        }
      : {}),
    ...(saved
      ? {
          reuse: (file: string, hash: string, bytes: Uint8Array) => {
            const group = savedGroupOf.get(file);
            if (group === undefined || saved.documents[group]?.hash !== hash) return undefined;
            const document = saved.restore(group, bytes);
            restored.set(group, document);
            return document;
          },
        }
      : {}),
  });
  if (load.documents.length === 0) throw new Error(`no usable knowledge files in ${dir}`);
  let reuse: IndexReuse | undefined;
  if (previous) reuse = { index: previous.engine.index, documents: previous.engine.documents };
  else if (saved) reuse = snapshotReuse(saved, restored);
  const engine = createEngine(load.documents, engineOptions, reuse);
  const before = new Set(reuse?.documents);
  const reused = load.documents.filter((document) => before.has(document)).length;
  return {
    engine,
    stamps: load.stamps,
    problems: load.problems,
    reused,
    indexed: load.documents.length - reused,
    matchesSnapshot:
      saved !== undefined && reused === load.documents.length && saved.documents.length === reused,
  };
}

function previousDocuments(
  previous: BuiltEngine,
): Map<string, { stamp: FileStamp; document: KnowledgeDocument }> {
  const known = new Map<string, { stamp: FileStamp; document: KnowledgeDocument }>();
  for (const document of previous.engine.documents) {
    const stamp = previous.stamps.get(document.file);
    if (stamp) known.set(document.file, { stamp, document });
  }
  return known;
}
