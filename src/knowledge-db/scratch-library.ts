import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EngineOptions } from '../answer/engine.js';
import { KnowledgeDatabase, type KnowledgeFile } from './knowledge-db.js';
import { PostgresKnowledge } from './postgres-knowledge.js';

/** A library in a schema of its own, for evaluations and benchmarks; `close` drops it. */
export interface ScratchLibrary {
  knowledge: PostgresKnowledge;
  db: KnowledgeDatabase;
  /** DATABASE_URL pointed at the scratch schema (another instance may open it). */
  url: string;
  /** Milliseconds the import took. */
  importMs: number;
  close(): Promise<void>;
}

/**
 * Imports `files` into a fresh schema of the database at `url` (never touching the knowledge
 * already there) and opens the PostgreSQL store on it.
 */
export async function openScratchLibrary(
  url: string,
  files: readonly KnowledgeFile[],
  engineOptions: Partial<EngineOptions> = {},
): Promise<ScratchLibrary> {
  const schema = `scratch_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const db = await KnowledgeDatabase.open(scoped.toString());
  const started = performance.now();
  await db.put(files);
  const importMs = performance.now() - started;
  const knowledge = new PostgresKnowledge(db, engineOptions);
  await knowledge.load();
  return {
    knowledge,
    db,
    url: scoped.toString(),
    importMs,
    async close() {
      await db.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP SCHEMA ${schema} CASCADE`);
      await drop.end();
    },
  };
}
