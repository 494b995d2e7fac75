import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** A schema of its own on the test PostgreSQL server, and how to drop it afterwards. */
export interface TestPostgres {
  /** TEST_DATABASE_URL with `search_path` set to the test's own schema. */
  url: string;
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server named by TEST_DATABASE_URL (`.ci/run` starts one; see docs/testing.md), with
 * a fresh schema, or the reason there is none (the tests then skip and say why).
 */
export async function testPostgres(): Promise<TestPostgres | string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return 'TEST_DATABASE_URL is not set (see docs/testing.md: the store on PostgreSQL)';
  const schema = `rb_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    return `no PostgreSQL at TEST_DATABASE_URL (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
