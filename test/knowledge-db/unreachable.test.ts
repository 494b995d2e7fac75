import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/messages.js';
import { importFolder } from '../../src/knowledge-db/folder-transfer.js';
import { KnowledgeDatabase } from '../../src/knowledge-db/knowledge-db.js';
import { PostgresKnowledge } from '../../src/knowledge-db/postgres-knowledge.js';
import { eventually } from '../helpers/eventually.js';
import { type PostgresProxy, postgresProxy } from '../helpers/pg-proxy.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const server = await testPostgres();
const skip = typeof server === 'string';
if (skip) console.warn(`knowledge in PostgreSQL (database away): tests skipped: ${server}`);

const quiet = { info: () => undefined, warn: () => undefined };

describe.skipIf(skip)('a knowledge database that goes away', () => {
  const pg = server as TestPostgres;
  let proxy: PostgresProxy;
  let db: KnowledgeDatabase;

  beforeAll(async () => {
    const seed = await KnowledgeDatabase.open(pg.url);
    await importFolder(seed, SEED_KNOWLEDGE_DIR);
    await seed.close();
    proxy = await postgresProxy(pg.url);
    db = await KnowledgeDatabase.open(proxy.url);
  });

  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await proxy?.close();
    await pg.drop();
  });

  it('answers politely while it is away, reports it unreachable, and answers again when it is back', async () => {
    const knowledge = new PostgresKnowledge(db);
    await knowledge.load();
    const listener = knowledge.watch(quiet);
    await listener.ready;
    const question = 'What did RAND find for reading?';
    expect((await knowledge.answer(question)).status).toBe('answered');
    expect(await knowledge.health()).toBe('ok');

    await proxy.cut();
    const away = await knowledge.answer(question);
    expect(away).toMatchObject({
      status: 'unavailable',
      answered: false,
      message: ANSWER_MESSAGES.unavailable,
    });
    expect(await knowledge.health()).toBe('unreachable');

    await proxy.restore();
    expect(await eventually(5000, async () => (await knowledge.answer(question)).status === 'answered')).toBe(
      true,
    );
    expect(await knowledge.health()).toBe('ok');
    expect(await eventually(5000, async () => listener.listening)).toBe(true);
    await listener.stop();
  });
});
