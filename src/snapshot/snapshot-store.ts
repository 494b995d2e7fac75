import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileStamp, KnowledgeDocument } from '../knowledge/types.js';
import type { SearchIndex } from '../search/search-index.js';
import { engineSections, type RestoredState, restoreEngineState } from './engine-snapshot.js';
import { engineVersion, SNAPSHOT_FORMAT } from './engine-version.js';
import { decodeSnapshot, encodeSnapshot, SnapshotCorrupt } from './snapshot-file.js';

/** Where snapshot messages go: a pino logger, or the CLI's stderr. */
export interface SnapshotLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** What a snapshot is keyed by besides each file's content hash. */
export interface SnapshotKey {
  format: number;
  /** Fingerprint of the code that parses and indexes (see `engineVersion`). */
  engine: string;
  /** Settings that shape the index; any difference rebuilds. */
  settings: unknown;
}

/**
 * The file name of the snapshot of a knowledge folder inside `cacheDir`: the folder's name and a
 * hash of its full path, so several folders can share one cache folder.
 */
export function snapshotFileFor(cacheDir: string, knowledgeDir: string): string {
  const absolute = path.resolve(knowledgeDir);
  const tag = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  return path.join(cacheDir, `${path.basename(absolute)}-${tag}.snapshot`);
}

/**
 * One knowledge folder's saved index. `read` returns it only when its key matches this engine
 * and settings and the file is whole (CRC-checked); anything else is logged and treated as no
 * snapshot, so a stale or corrupt one is never served. Per-file content hashes inside it decide
 * which documents are reused.
 */
export class SnapshotStore {
  readonly key: SnapshotKey;

  constructor(
    readonly file: string,
    settings: unknown,
    private readonly logger: SnapshotLogger,
    engine: string = engineVersion(),
  ) {
    this.key = { format: SNAPSHOT_FORMAT, engine, settings };
  }

  /** The saved state, or undefined (missing, from another engine or settings, or corrupt: logged). */
  async read(): Promise<RestoredState | undefined> {
    let buffer: Buffer;
    try {
      buffer = await readFile(this.file);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (missing) this.logger.info({ snapshot: this.file }, 'no index snapshot yet; building the index');
      else this.logger.warn({ snapshot: this.file, err: error }, 'index snapshot unreadable; rebuilding');
      return undefined;
    }
    try {
      const { key, sections } = decodeSnapshot(buffer);
      const mismatch = describeMismatch(key as Partial<SnapshotKey>, this.key);
      if (mismatch) {
        this.logger.info({ snapshot: this.file, reason: mismatch }, 'index snapshot is stale; rebuilding');
        return undefined;
      }
      return restoreEngineState(sections);
    } catch (error) {
      if (!(error instanceof SnapshotCorrupt)) throw error;
      this.logger.warn(
        { snapshot: this.file, reason: error.message },
        'index snapshot is corrupt; rebuilding',
      );
      return undefined;
    }
  }

  /**
   * Saves the index and its documents, atomically (a temporary file renamed over the old one),
   * so a reader never sees half a snapshot. Failures are logged, never thrown: the bot serves on.
   */
  async write(
    index: SearchIndex,
    documents: readonly KnowledgeDocument[],
    stamps: ReadonlyMap<string, FileStamp>,
  ): Promise<boolean> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      const chunks = encodeSnapshot(this.key, engineSections(index, documents, stamps));
      await mkdir(path.dirname(this.file), { recursive: true });
      const handle = await open(temporary, 'w');
      try {
        await handle.writev(chunks);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
      return true;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.logger.warn({ snapshot: this.file, err: error }, 'could not save the index snapshot');
      return false;
    }
  }
}

function describeMismatch(saved: Partial<SnapshotKey>, wanted: SnapshotKey): string | undefined {
  if (saved?.format !== wanted.format) return `format ${saved?.format} (this engine reads ${wanted.format})`;
  if (saved.engine !== wanted.engine)
    return `engine version ${saved.engine} (this engine is ${wanted.engine})`;
  if (JSON.stringify(saved.settings) !== JSON.stringify(wanted.settings)) return 'settings changed';
  return undefined;
}
