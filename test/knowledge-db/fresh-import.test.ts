import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder } from '../../src/knowledge-db/folder-transfer.js';
import { IMPORT_BATCH, KnowledgeDatabase, type KnowledgeFile } from '../../src/knowledge-db/knowledge-db.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

const fresh = await testPostgres();
const incremental = await testPostgres();
const folderImport = await testPostgres();
const skip = [fresh, incremental, folderImport].some((store) => typeof store === 'string');
if (skip) console.warn(`knowledge in PostgreSQL (fresh import): tests skipped: ${fresh}`);

/** What the statistics tables hold, in a fixed order. */
const STATISTICS = {
  terms: 'SELECT stem, sentences, passages, described FROM knowledge_terms ORDER BY stem',
  words: 'SELECT word, stem, sources, first_seen, lemma_keys, letters FROM knowledge_words ORDER BY word',
  totals: 'SELECT sentences, passages, sentence_length, passage_length, words_seen FROM knowledge_totals',
  indexes: `SELECT indexname, replace(indexdef, current_schema() || '.', '') AS definition FROM pg_indexes
    WHERE schemaname = current_schema() ORDER BY indexname`,
};

async function statisticsOf(url: string): Promise<Record<keyof typeof STATISTICS, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const read = async (sql: string) => (await client.query(sql)).rows;
    return {
      terms: await read(STATISTICS.terms),
      words: await read(STATISTICS.words),
      totals: await read(STATISTICS.totals),
      indexes: await read(STATISTICS.indexes),
    };
  } finally {
    await client.end();
  }
}

/**
 * Two and a half batches of small reports cut from the seed fixture's paragraphs, each with a
 * word of its own (so every batch brings new words), and one report in the last batch that
 * replaces one of the first under the same id.
 */
async function reports(): Promise<KnowledgeFile[]> {
  const paragraphs: string[] = [];
  for (const name of (await readdir(SEED_KNOWLEDGE_DIR)).sort()) {
    const text = await readFile(path.join(SEED_KNOWLEDGE_DIR, name), 'utf8');
    const body = text.slice(text.indexOf('\n---', 3) + 4);
    paragraphs.push(...body.split(/\n\s*\n/).filter((paragraph) => paragraph.trim().length > 40));
  }
  const count = IMPORT_BATCH * 2 + IMPORT_BATCH / 2;
  return Array.from({ length: count }, (_, n) => {
    const id = n === count - 1 ? 'report-7' : `report-${n}`;
    const chosen = [0, 1, 2].map((k) => paragraphs[(n * 7 + k * 13) % paragraphs.length] as string);
    const text = `---\nid: ${id}\ntitle: Report ${n}\npublisher: Bureau ${n % 9}\n---\n${chosen.join('\n\n')}\n\nThe survey named quorbix${n} once.\n`;
    // Zero-padded: the folder's loader reads files in name order, the order they are put in here.
    return { file: `report-${String(n).padStart(3, '0')}.md`, bytes: new TextEncoder().encode(text) };
  });
}

describe.skipIf(skip)('a fresh bulk import into an empty store', () => {
  const stores = [fresh, incremental] as TestPostgres[];
  let files: KnowledgeFile[];

  beforeAll(async () => {
    files = await reports();
    const bulk = await KnowledgeDatabase.open(stores[0]?.url as string);
    await bulk.put(files);
    await bulk.close();
    const batchByBatch = await KnowledgeDatabase.open(stores[1]?.url as string);
    for (let at = 0; at < files.length; at += IMPORT_BATCH)
      await batchByBatch.put(files.slice(at, at + IMPORT_BATCH));
    await batchByBatch.close();
  });

  afterAll(async () => {
    for (const store of stores) await store?.drop();
  });

  it('stores the same terms, words (numbered alike), totals and indexes as putting it batch by batch', async () => {
    const bulk = await statisticsOf(stores[0]?.url as string);
    const batchByBatch = await statisticsOf(stores[1]?.url as string);
    expect(bulk.words.length).toBeGreaterThan(IMPORT_BATCH);
    expect(bulk).toEqual(batchByBatch);
  });
});

describe.skipIf(skip)('a folder imported into an empty store', () => {
  afterAll(async () => {
    await (folderImport as TestPostgres)?.drop();
    await removeTempFolders();
  });

  it('is stored in one bulk import, batch by batch as it is read, with the same statistics as putting its files', async () => {
    // The folder's loader keeps one of two files with the same id: leave the replacement out.
    const files = (await reports()).slice(0, -1);
    const dir = await tempFolder();
    for (const { file, bytes } of files) await writeFile(path.join(dir, file), bytes);
    const db = await KnowledgeDatabase.open((folderImport as TestPostgres).url);
    const heard: number[] = [];
    const result = await importFolder(db, dir, (stored) => heard.push(stored));
    await db.close();
    expect(result.sources).toBe(files.length);
    expect(heard).toEqual([IMPORT_BATCH, IMPORT_BATCH * 2, files.length]);
    const reference = await testPostgres();
    const put = await KnowledgeDatabase.open((reference as TestPostgres).url);
    await put.put(files);
    await put.close();
    const [folder, direct] = [
      await statisticsOf((folderImport as TestPostgres).url),
      await statisticsOf((reference as TestPostgres).url),
    ];
    await (reference as TestPostgres).drop();
    expect(folder).toEqual(direct);
  });
});
