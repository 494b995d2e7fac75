/**
 * The two databases the store runs on, behind one small interface: SQL is written once with `?`
 * placeholders (turned into `$1…` for PostgreSQL), and rows come back as plain objects.
 */
export interface Database {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs a statement that returns no rows. */
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /** Runs a query and returns its rows. */
  all<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements (a migration) at once, in a transaction. */
  migrate(statements: string): Promise<void>;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2`, … (the store's SQL has no `?` inside string literals). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
