import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KnowledgeHolder, watchKnowledge } from '../../src/runtime/index.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

interface LogLine {
  level: number;
  msg: string;
  file?: string;
  reason?: string;
}

const ERROR_LEVEL = 50;

function arrayLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function article(id: string, text: string): string {
  return `---\nid: ${id}\ntitle: ${id}\npublisher: Test Desk\n---\n${text}\n`;
}

const ZEPPELIN = article(
  'zeppelin-orchard',
  'The zeppelin orchard study found that llamas improved attendance in every participating school.',
);
const ZEPPELIN_QUESTION = 'What did the zeppelin orchard study find about llamas?';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-holder-'));
  await cp(SEED_KNOWLEDGE_DIR, dir, { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function quotesOf(holder: KnowledgeHolder, question: string): string[] {
  return holder.answer(question).excerpts.map((excerpt) => excerpt.quote);
}

describe('KnowledgeHolder', () => {
  it('answers from a newly added file after reload', async () => {
    const { logger } = arrayLogger();
    const holder = new KnowledgeHolder(dir, logger, { maxExcerpts: 3 });
    await holder.load();
    expect(holder.answer(ZEPPELIN_QUESTION).answered).toBe(false);

    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    const result = await holder.reload();
    expect(result).toMatchObject({ swapped: true, documents: 6, problems: [] });
    const answer = holder.answer(ZEPPELIN_QUESTION);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.source.id).toBe('zeppelin-orchard');
    expect(answer.excerpts[0]?.quote).toContain('llamas improved attendance');
  });

  it('quotes the new text of an edited file after reload', async () => {
    const { logger } = arrayLogger();
    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    const holder = new KnowledgeHolder(dir, logger, { maxExcerpts: 3 });
    await holder.load();
    await writeFile(
      path.join(dir, 'zeppelin-orchard.md'),
      article(
        'zeppelin-orchard',
        'The zeppelin orchard study found that llamas lowered attendance in two rural schools.',
      ),
    );
    expect((await holder.reload()).swapped).toBe(true);
    const quotes = quotesOf(holder, ZEPPELIN_QUESTION);
    expect(quotes.some((quote) => quote.includes('llamas lowered attendance'))).toBe(true);
    expect(quotes.some((quote) => quote.includes('llamas improved attendance'))).toBe(false);
  });

  it('keeps the previous index serving when a broken file appears, and logs the file', async () => {
    const { logger, lines } = arrayLogger();
    const holder = new KnowledgeHolder(dir, logger, { maxExcerpts: 3 });
    await holder.load();
    const before = holder.engine;

    await writeFile(path.join(dir, 'zz-broken.md'), '---\nid: [oops\n---\nSome text.\n');
    const result = await holder.reload();
    expect(result.swapped).toBe(false);
    expect(result.problems.map((problem) => problem.file)).toEqual(['zz-broken.md']);
    expect(holder.engine).toBe(before);
    expect(holder.answer('what did RAND find for reading?').answered).toBe(true);
    const errors = lines.filter((line) => line.level >= ERROR_LEVEL);
    expect(errors.some((line) => line.file === 'zz-broken.md')).toBe(true);
  });

  it('forgets the quotes of a removed file after reload', async () => {
    const { logger } = arrayLogger();
    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    const holder = new KnowledgeHolder(dir, logger, { maxExcerpts: 3 });
    await holder.load();
    expect(holder.answer(ZEPPELIN_QUESTION).answered).toBe(true);

    await unlink(path.join(dir, 'zeppelin-orchard.md'));
    expect(await holder.reload()).toMatchObject({ swapped: true, documents: 5 });
    const answer = holder.answer(ZEPPELIN_QUESTION);
    expect(answer.excerpts.some((excerpt) => excerpt.source.id === 'zeppelin-orchard')).toBe(false);
    expect(answer.excerpts.some((excerpt) => excerpt.quote.includes('llamas'))).toBe(false);
  });
});

describe('watchKnowledge', () => {
  it('calls back once after a burst of writes', async () => {
    const { logger } = arrayLogger();
    const reload = vi.fn();
    const stop = watchKnowledge(dir, reload, logger, 50);
    try {
      await Promise.all(
        [0, 1, 2, 3, 4].map((at) =>
          writeFile(path.join(dir, `burst-${at}.md`), article(`burst-${at}`, 'A short sentence.')),
        ),
      );
      await vi.waitFor(() => expect(reload).toHaveBeenCalled(), { timeout: 2000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });
});
