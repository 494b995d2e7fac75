import type { EngineOptions } from '../answer/engine.js';
import { exportFolder, importFolder } from '../knowledge-db/folder-transfer.js';
import { KnowledgeDatabase } from '../knowledge-db/knowledge-db.js';
import { PostgresKnowledge } from '../knowledge-db/postgres-knowledge.js';
import { printableName, printableText } from '../printable.js';

/** `import <folder>`: loads the folder into PostgreSQL; prints each problem and the rate. Exit 1 on problems. */
export async function runImport(databaseUrl: string, dir: string): Promise<number> {
  const db = await KnowledgeDatabase.open(databaseUrl);
  try {
    const progress = process.stderr.isTTY
      ? (stored: number) => process.stderr.write(`\r\x1b[K${stored} sources stored…`)
      : undefined;
    const result = await importFolder(db, dir, progress);
    if (progress) process.stderr.write('\r\x1b[K');
    for (const problem of result.problems)
      process.stderr.write(
        `warning: skipped ${printableName(problem.file)}: ${printableText(problem.reason)}\n`,
      );
    const totals = await db.totals();
    const seconds = result.ms / 1000;
    process.stdout.write(
      `imported ${result.sources} sources from ${printableName(dir)} in ${seconds.toFixed(1)} s (${Math.round(result.sources / Math.max(seconds, 0.001))} sources/s); the library holds ${totals.passages} passages, ${totals.sentences} sentences\n`,
    );
    return result.problems.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

/** `export <folder>`: writes every stored source back as its knowledge file. */
export async function runExport(databaseUrl: string, dir: string): Promise<number> {
  const db = await KnowledgeDatabase.open(databaseUrl);
  try {
    const written = await exportFolder(db, dir);
    process.stdout.write(`exported ${written} sources to ${printableName(dir)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** The PostgreSQL store for one command (`ask`): opened, catalogue read; `close` when done. */
export async function openPostgresAnswerer(
  databaseUrl: string,
  options: Partial<EngineOptions>,
): Promise<{ knowledge: PostgresKnowledge; close(): Promise<void> }> {
  const db = await KnowledgeDatabase.open(databaseUrl);
  const knowledge = new PostgresKnowledge(db, options);
  await knowledge.load();
  return { knowledge, close: () => db.close() };
}
