import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database.js';

/** The part of node:sqlite's DatabaseSync and better-sqlite3's Database that the store uses (they agree). */
interface SyncDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  close(): unknown;
}

/**
 * Opens (creating it and its folder if needed) an SQLite file: with Node's built-in
 * `node:sqlite` where this Node has it (22.5 and later), otherwise with better-sqlite3.
 * `:memory:` opens a private in-memory database.
 */
export async function openSqlite(file: string): Promise<Database> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = await openSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  const bind = (params: readonly unknown[]) =>
    params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  return {
    kind: 'sqlite',
    async run(sql, params = []) {
      db.prepare(sql).run(...bind(params));
    },
    async all<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return db.prepare(sql).all(...bind(params)) as Row[];
    },
    async migrate(statements) {
      db.exec('BEGIN');
      try {
        db.exec(statements);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function openSync(file: string): Promise<SyncDatabase> {
  const builtin = await import('node:sqlite' as string).catch(() => undefined);
  if (builtin?.DatabaseSync) return new builtin.DatabaseSync(file) as SyncDatabase;
  const { default: BetterSqlite } = await import('better-sqlite3');
  return new BetterSqlite(file) as unknown as SyncDatabase;
}
