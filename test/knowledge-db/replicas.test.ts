import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder } from '../../src/knowledge-db/folder-transfer.js';
import { KnowledgeDatabase } from '../../src/knowledge-db/knowledge-db.js';
import { PostgresKnowledge } from '../../src/knowledge-db/postgres-knowledge.js';
import { eventually } from '../helpers/eventually.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const server = await testPostgres();
const skip = typeof server === 'string';
if (skip) console.warn(`knowledge in PostgreSQL (replicas): tests skipped: ${server}`);

const quiet = { info: () => undefined, warn: () => undefined };

function knowledgeFile(id: string, sentence: string) {
  const text = `---\nid: ${id}\ntitle: Field notes ${id}\npublisher: Test\n---\n${sentence}\n`;
  return { file: `${id}.md`, bytes: new TextEncoder().encode(text) };
}

describe.skipIf(skip)('replicas sharing the knowledge in PostgreSQL', () => {
  const pg = server as TestPostgres;
  let writer: KnowledgeDatabase;
  let reader: KnowledgeDatabase;

  beforeAll(async () => {
    writer = await KnowledgeDatabase.open(pg.url);
    reader = await KnowledgeDatabase.open(pg.url);
    await importFolder(writer, SEED_KNOWLEDGE_DIR);
  });

  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await pg.drop();
  });

  it('a source added through one instance is listed and quoted by another within 2 s', async () => {
    const replica = new PostgresKnowledge(reader);
    await replica.load();
    const listener = replica.watch(quiet);
    await listener.ready;
    await writer.put([
      knowledgeFile('zephyr-notes', 'The quixotrel survey counted 41 zephyrine libraries in 2019.'),
    ]);
    const seen = await eventually(2000, async () =>
      replica.documents.some((document) => document.meta.id === 'zephyr-notes'),
    );
    expect(seen).toBe(true);
    const answer = await replica.answer('How many zephyrine libraries did the quixotrel survey count?');
    expect(answer.excerpts[0]?.source.id).toBe('zephyr-notes');
    await listener.stop();
  });

  it('a source replaced through one instance is quoted in its new words by another within 2 s', async () => {
    const replica = new PostgresKnowledge(reader);
    await replica.load();
    const listener = replica.watch(quiet);
    await listener.ready;
    await writer.put([knowledgeFile('marlin-notes', 'The marlinspike audit found 12 brass lanterns.')]);
    const question = 'How many brass lanterns did the marlinspike audit find?';
    // The new source reaches the replica by its NOTIFY, a moment after the write returns.
    const added = await eventually(2000, async () =>
      Boolean((await replica.answer(question)).excerpts[0]?.quote.includes('12 brass')),
    );
    expect(added).toBe(true);
    await writer.put([knowledgeFile('marlin-notes', 'The marlinspike audit found 17 brass lanterns.')]);
    const updated = await eventually(2000, async () =>
      Boolean((await replica.answer(question)).excerpts[0]?.quote.includes('17 brass')),
    );
    expect(updated).toBe(true);
    await listener.stop();
  });

  it('a removed source is no longer listed or quoted by another instance', async () => {
    const replica = new PostgresKnowledge(reader);
    await replica.load();
    const listener = replica.watch(quiet);
    await listener.ready;
    await writer.put([knowledgeFile('gone-notes', 'The vellichor census listed 9 reading rooms.')]);
    expect(
      await eventually(2000, async () => replica.documents.some((d) => d.meta.id === 'gone-notes')),
    ).toBe(true);
    expect(await writer.remove('gone-notes')).toMatchObject({ id: 'gone-notes', file: 'gone-notes.md' });
    expect(
      await eventually(2000, async () => !replica.documents.some((d) => d.meta.id === 'gone-notes')),
    ).toBe(true);
    const answer = await replica.answer('How many reading rooms did the vellichor census list?');
    expect(answer.excerpts.every((excerpt) => excerpt.source.id !== 'gone-notes')).toBe(true);
    await listener.stop();
  });
});
