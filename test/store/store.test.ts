import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/index.js';
import { loadCuration } from '../../src/report/index.js';
import {
  type Database,
  databaseRecorder,
  hashUser,
  logOnlyRecorder,
  MIGRATIONS,
  migrate,
  openDatabase,
  openStore,
} from '../../src/store/index.js';
import { testPostgres } from '../helpers/postgres.js';
import { captureLogger } from '../helpers/slack-harness.js';

const ANSWERED: Answer = {
  question: 'What did the tutoring study find for math?',
  answered: true,
  status: 'answered',
  message: '1 excerpt from 1 source, best first.',
  excerpts: [
    {
      quote: 'Pupils gained eight percentile points in math.',
      cutBefore: false,
      cutAfter: false,
      source: {
        id: 'gazette-tutoring-math',
        title: 'Daily Tutoring',
        untitled: false,
        publisher: 'Tutoring Gazette',
        author: null,
        date: null,
        url: null,
      },
      location: { paragraph: 2, start: 10, end: 56 },
      score: 1,
    },
  ],
  suggestions: [],
};

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function sqliteFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'research-bot-store-'));
  temps.push(dir);
  return path.join(dir, 'nested', 'store.sqlite');
}

const postgres = await testPostgres();
if (typeof postgres === 'string') {
  process.stderr.write(`\nNOTE: the PostgreSQL store tests are skipped: ${postgres}\n\n`);
}
afterAll(async () => {
  if (typeof postgres !== 'string') await postgres.drop();
});

const backends: Array<[string, (() => Promise<Database>) | undefined]> = [
  ['SQLite', async () => openDatabase({ dataFile: await sqliteFile() })],
  [
    typeof postgres === 'string' ? `PostgreSQL (skipped: ${postgres})` : 'PostgreSQL',
    typeof postgres === 'string'
      ? undefined
      : () => openDatabase({ dataFile: '', databaseUrl: postgres.url }),
  ],
];

for (const [name, open] of backends) {
  describe.skipIf(!open)(`the store on ${name}`, () => {
    const opened: Database[] = [];
    const openDb = async () => {
      const db = await (open as () => Promise<Database>)();
      opened.push(db);
      return db;
    };
    afterAll(async () => {
      for (const db of opened) await db.close().catch(() => undefined);
    });

    it('applies each versioned migration once, and nothing on a second run', async () => {
      const db = await openDb();
      expect(await migrate(db)).toEqual([]);
      const versions = await db.all<{ version: number | string }>('SELECT version FROM schema_migrations');
      expect(versions.map((row) => Number(row.version))).toEqual(
        MIGRATIONS.map((migration) => migration.version),
      );
    });

    it('keeps answers and votes, with the user only as a salted hash', async () => {
      const db = await openDb();
      const { logger } = captureLogger();
      const recorder = databaseRecorder(db, 'salt-for-tests-0123456789', logger);
      const id = recorder.recordAnswer({
        platform: 'slack',
        user: 'U0SECRET',
        channel: 'C1',
        answer: ANSWERED,
        followUp: true,
      });
      recorder.recordVote({ platform: 'slack', user: 'U0SECRET', vote: 'down', answerId: id });
      await recorder.flush();
      const [row] = await db.all<Record<string, unknown>>('SELECT * FROM answers WHERE id = ?', [id]);
      expect(row).toMatchObject({
        question: ANSWERED.question,
        status: 'answered',
        channel: 'C1',
        platform: 'slack',
      });
      expect(Boolean(row?.follow_up)).toBe(true);
      expect(JSON.parse(String(row?.excerpts))).toEqual([
        {
          source: 'gazette-tutoring-math',
          title: 'Daily Tutoring',
          paragraph: 2,
          quote: ANSWERED.excerpts[0]?.quote,
        },
      ]);
      expect(row?.user_hash).toBe(hashUser('salt-for-tests-0123456789', 'slack', 'U0SECRET'));
      const votes = await db.all<Record<string, unknown>>('SELECT * FROM votes WHERE answer_id = ?', [id]);
      expect(votes).toMatchObject([{ vote: 'down', user_hash: row?.user_hash }]);
      const everything = JSON.stringify([
        ...(await db.all('SELECT * FROM answers')),
        ...(await db.all('SELECT * FROM votes')),
      ]);
      expect(everything).not.toContain('U0SECRET');
    });

    it('applies migration 2 to a store made before it, keeping what the store held', async () => {
      const db = await openDb();
      expect(MIGRATIONS.find((migration) => migration.version === 2)?.name).toBe(
        'sources added and removed from the chat',
      );
      const { logger } = captureLogger();
      const recorder = databaseRecorder(db, 'salt-for-tests-0123456789', logger);
      const id = recorder.recordAnswer({ platform: 'slack', user: 'U1', answer: ANSWERED, followUp: false });
      await recorder.flush();
      // Back to how a store of version 1 looked: no curation table, migration 2 not recorded.
      await db.run('DROP TABLE curation');
      await db.run('DELETE FROM schema_migrations WHERE version = 2');
      expect(await migrate(db)).toEqual([2]);
      expect(await db.all('SELECT * FROM curation')).toEqual([]);
      expect(await db.all<{ id: string }>('SELECT id FROM answers WHERE id = ?', [id])).toEqual([{ id }]);
      expect(await migrate(db)).toEqual([]);
    });

    it('keeps a source added and one removed from the chat, with the curator only as a salted hash', async () => {
      const db = await openDb();
      const { logger } = captureLogger();
      let clock = new Date('2026-11-02T09:30:00.000Z');
      const recorder = databaseRecorder(db, 'salt-for-tests-0123456789', logger, () => clock);
      recorder.recordCuration({
        platform: 'slack',
        user: 'U0CURATOR',
        action: 'add',
        sourceId: 'gazette-tutoring-math',
        title: 'Daily Tutoring',
        input: 'https://gazette.example/tutoring',
      });
      clock = new Date('2026-11-03T10:00:00.000Z');
      recorder.recordCuration({
        platform: 'discord',
        user: 'U0CURATOR',
        action: 'remove',
        sourceId: 'gazette-tutoring-math',
        title: 'Daily Tutoring',
      });
      await recorder.flush();
      // The PostgreSQL tests share one schema: only this test records this source.
      const rows = await db.all<Record<string, unknown>>(
        "SELECT * FROM curation WHERE source_id = 'gazette-tutoring-math' ORDER BY at",
      );
      expect(rows).toEqual([
        {
          at: '2026-11-02T09:30:00.000Z',
          platform: 'slack',
          user_hash: hashUser('salt-for-tests-0123456789', 'slack', 'U0CURATOR'),
          action: 'add',
          source_id: 'gazette-tutoring-math',
          title: 'Daily Tutoring',
          input: 'https://gazette.example/tutoring',
        },
        {
          at: '2026-11-03T10:00:00.000Z',
          platform: 'discord',
          user_hash: hashUser('salt-for-tests-0123456789', 'discord', 'U0CURATOR'),
          action: 'remove',
          source_id: 'gazette-tutoring-math',
          title: 'Daily Tutoring',
          input: null,
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain('U0CURATOR');
      // The report reads them back within a period, oldest first.
      expect(
        await loadCuration(db, { from: '2026-11-03T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' }),
      ).toEqual([
        {
          at: '2026-11-03T10:00:00.000Z',
          platform: 'discord',
          userHash: hashUser('salt-for-tests-0123456789', 'discord', 'U0CURATOR'),
          action: 'remove',
          sourceId: 'gazette-tutoring-math',
          title: 'Daily Tutoring',
          input: null,
        },
      ]);
    });

    it('rejects a curation action other than add or remove', async () => {
      const db = await openDb();
      await expect(
        db.run('INSERT INTO curation (at, platform, action, source_id) VALUES (?, ?, ?, ?)', [
          '2026-11-02T09:30:00.000Z',
          'slack',
          'rename',
          'x',
        ]),
      ).rejects.toThrow();
    });

    it('logs a failed write with a warning instead of throwing, and never logs the question', async () => {
      const db = await openDb();
      const log = captureLogger('info');
      const recorder = databaseRecorder(db, 'salt-for-tests-0123456789', log.logger);
      await db.run('DROP TABLE votes');
      expect(() =>
        recorder.recordVote({ platform: 'discord', user: 'U1', vote: 'up', answerId: 'a' }),
      ).not.toThrow();
      await recorder.flush();
      expect(log.lines.find((line) => line.level === 40)?.msg).toContain('events are logged only');
      expect(log.lines.find((line) => line.msg === 'store: event not stored')).toMatchObject({
        kind: 'vote',
        vote: 'up',
      });
      expect(log.raw.join('')).not.toContain('U1"');
    });
  });
}

describe('hashUser', () => {
  it('gives one stable hash per user and platform, and another with another salt', () => {
    const hash = hashUser('salt-a-0123456789abcdef', 'slack', 'U1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashUser('salt-a-0123456789abcdef', 'slack', 'U1')).toBe(hash);
    expect(hashUser('salt-a-0123456789abcdef', 'discord', 'U1')).not.toBe(hash);
    expect(hashUser('salt-b-0123456789abcdef', 'slack', 'U1')).not.toBe(hash);
  });
});

describe('openStore', () => {
  it('degrades to log-only with a warning when the database cannot be reached, and answers go on', async () => {
    const log = captureLogger('info');
    const store = await openStore(
      { dataFile: '', databaseUrl: 'postgres://nobody:secret-password@127.0.0.1:9/none' },
      log.logger,
    );
    expect(store.kind).toBe('log-only');
    const warning = log.lines.find((line) => line.level === 40);
    expect(warning?.msg).toContain('database unavailable');
    expect(log.raw.join('')).not.toContain('secret-password');
    const id = store.recordAnswer({ platform: 'slack', user: 'U0ASKER', answer: ANSWERED, followUp: false });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const raw = log.raw.join('');
    expect(raw).not.toContain('U0ASKER');
    expect(raw).not.toContain('tutoring study');
  });

  it('logs a curation event on a log-only store without the curator or the address', async () => {
    const log = captureLogger('info');
    const store = logOnlyRecorder(log.logger);
    store.recordCuration({
      platform: 'slack',
      user: 'U0CURATOR',
      action: 'add',
      sourceId: 'gazette-tutoring-math',
      title: 'Daily Tutoring',
      input: 'https://gazette.example/private-draft',
    });
    expect(log.lines.find((line) => line.msg === 'store: event not stored')).toMatchObject({
      kind: 'curation',
      action: 'add',
      source: 'gazette-tutoring-math',
    });
    const raw = log.raw.join('');
    expect(raw).not.toContain('U0CURATOR');
    expect(raw).not.toContain('private-draft');
  });

  it('opens the SQLite file by default, creating its folder', async () => {
    const log = captureLogger('info');
    const store = await openStore({ dataFile: await sqliteFile() }, log.logger);
    expect(store.kind).toBe('sqlite');
    await store.close();
  });
});
