import pg from 'pg';
import { type Database, numberedPlaceholders } from './database.js';

/** How long a connection attempt may take before the store gives up (and degrades to logs). */
const CONNECT_TIMEOUT_MS = 5000;

/** A PostgreSQL pool for `url` (DATABASE_URL); the first query proves it is reachable. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    kind: 'postgres',
    async run(sql, params = []) {
      await pool.query(numberedPlaceholders(sql), [...params]);
    },
    async all<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(numberedPlaceholders(sql), [...params])).rows as Row[];
    },
    async migrate(statements) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(statements);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
