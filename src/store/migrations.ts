import type { Database } from './database.js';

/**
 * Versioned schema changes, applied in order, each once, each in a transaction; the versions
 * applied are kept in `schema_migrations`. Add a new version to change the schema; never edit
 * one that has shipped. Times are ISO-8601 UTC text in both databases, so the same queries
 * compare them.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'answers, votes and settings',
    sql: `
      CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        asked_at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        channel TEXT,
        question TEXT NOT NULL,
        status TEXT NOT NULL,
        follow_up BOOLEAN NOT NULL DEFAULT FALSE,
        excerpts TEXT NOT NULL
      );
      CREATE INDEX answers_asked_at ON answers (asked_at);
      CREATE TABLE votes (
        answer_id TEXT,
        voted_at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down'))
      );
      CREATE INDEX votes_answer_id ON votes (answer_id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'sources added and removed from the chat',
    sql: `
      CREATE TABLE curation (
        at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT,
        action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        source_id TEXT NOT NULL,
        title TEXT,
        input TEXT
      );
      CREATE INDEX curation_at ON curation (at);
    `,
  },
]);

/**
 * Applies the migrations not applied yet; returns the versions it applied. `table` keeps the
 * versions applied: each schema sharing a database (the curator's store, the knowledge in
 * PostgreSQL) has its own, so their version numbers never collide.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  table = 'schema_migrations',
): Promise<number[]> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const done = new Set(
    (await db.all<{ version: number | string }>(`SELECT version FROM ${table}`)).map((row) =>
      Number(row.version),
    ),
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    const record = `INSERT INTO ${table} (version, name, applied_at) VALUES (${migration.version}, '${migration.name.replace(/'/g, "''")}', '${new Date().toISOString()}');`;
    await db.migrate(`${migration.sql}\n${record}`);
    applied.push(migration.version);
  }
  return applied;
}
