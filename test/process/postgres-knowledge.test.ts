import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/messages.js';
import { importFolder } from '../../src/knowledge-db/folder-transfer.js';
import { KnowledgeDatabase } from '../../src/knowledge-db/knowledge-db.js';
import { slackHttpEnv, spawnBot } from '../helpers/bot-process.js';
import { eventually } from '../helpers/eventually.js';
import { type PostgresProxy, postgresProxy } from '../helpers/pg-proxy.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { postSlashCommand } from '../helpers/slack-signing.js';

const server = await testPostgres();
const skip = typeof server === 'string';
if (skip) console.warn(`the bot on the knowledge in PostgreSQL: tests skipped: ${server}`);

/** A password the database ignores (local trust) but the logs must never show. */
const PASSWORD = 'pw-never-logged-5d1c';

async function health(
  port: number,
): Promise<{ status: number; body: { knowledge?: Record<string, unknown> } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as { knowledge?: Record<string, unknown> },
  };
}

describe.skipIf(skip)('the bot answering from the knowledge in PostgreSQL', () => {
  const pg = server as TestPostgres;
  let proxy: PostgresProxy;
  let fake: FakeSlack;
  let child: ChildProcess | undefined;
  let port = 0;
  let output: string[] = [];

  beforeAll(async () => {
    const db = await KnowledgeDatabase.open(pg.url);
    await importFolder(db, SEED_KNOWLEDGE_DIR);
    await db.close();
    proxy = await postgresProxy(pg.url);
    const url = new URL(proxy.url);
    url.username = 'postgres';
    url.password = PASSWORD;
    fake = await FakeSlack.start();
    const bot = await spawnBot(
      process.execPath,
      ['--import', 'tsx', 'src/index.ts'],
      slackHttpEnv(fake, {
        KNOWLEDGE_STORE: 'postgres',
        DATABASE_URL: url.toString(),
        KNOWLEDGE_DIR: '/nonexistent',
      }),
    );
    child = bot.child;
    port = bot.port;
    output = bot.output;
  }, 30_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    await proxy?.close();
    await pg.drop();
  });

  async function ask(id: string, text: string): Promise<string> {
    await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, {
      text,
      response_url: fake.responseUrl(id),
    });
    await eventually(10_000, async () => fake.responses.some((response) => response.id === id));
    return JSON.stringify(fake.responses.find((response) => response.id === id)?.body ?? '');
  }

  it('reports the database in /healthz and answers from it', async () => {
    const report = await health(port);
    expect(report.status).toBe(200);
    expect(report.body.knowledge).toMatchObject({ store: 'postgres', database: 'ok', documents: 5 });
    expect(await ask('first', 'what did RAND find for reading?')).toMatch(/reading/i);
  });

  it('says the knowledge base is unreachable while the database is away, and recovers on its own', async () => {
    await proxy.cut();
    const away = await health(port);
    expect(away.status).toBe(503);
    expect(away.body.knowledge).toMatchObject({ database: 'unreachable' });
    expect(await ask('away', 'what did RAND find for reading?')).toContain(ANSWER_MESSAGES.unavailable);
    expect(child?.exitCode).toBeNull();

    await proxy.restore();
    expect(await eventually(10_000, async () => (await health(port)).status === 200)).toBe(true);
    expect(await ask('back', 'what did RAND find for reading?')).toMatch(/reading/i);
  }, 30_000);

  it('never logs the database password', () => {
    expect(output.join('')).not.toContain(PASSWORD);
  });
});
