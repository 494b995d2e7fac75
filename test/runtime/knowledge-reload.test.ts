import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KnowledgeHolder, watchKnowledge } from '../../src/runtime/index.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { captureLogger } from '../helpers/slack-harness.js';

const ERROR_LEVEL = 50;

function article(id: string, text: string): string {
  return `---\nid: ${id}\ntitle: ${id}\npublisher: Test Desk\n---\n${text}\n`;
}

const ZEPPELIN = article(
  'zeppelin-orchard',
  'The zeppelin orchard study found that llamas improved attendance in every participating school.',
);
const ZEPPELIN_QUESTION = 'What did the zeppelin orchard study find about llamas?';

let dir: string;
let log: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-reload-'));
  await cp(SEED_KNOWLEDGE_DIR, dir, { recursive: true });
  log = captureLogger();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadedHolder(): Promise<KnowledgeHolder> {
  const holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3 });
  await holder.load();
  return holder;
}

function quotesOf(holder: KnowledgeHolder, question: string): string[] {
  return holder.answer(question).excerpts.map((excerpt) => excerpt.quote);
}

describe('reloading the knowledge folder', () => {
  it('answers from a newly added file after reload', async () => {
    const holder = await loadedHolder();
    expect(holder.answer(ZEPPELIN_QUESTION).answered).toBe(false);

    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    expect(await holder.reload()).toMatchObject({ swapped: true, documents: 6, problems: [] });
    const answer = holder.answer(ZEPPELIN_QUESTION);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.source.id).toBe('zeppelin-orchard');
    expect(answer.excerpts[0]?.quote).toContain('llamas improved attendance');
  });

  it('quotes the new text of an edited file after reload, and no longer the old', async () => {
    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    const holder = await loadedHolder();
    await writeFile(
      path.join(dir, 'zeppelin-orchard.md'),
      ZEPPELIN.replace(
        'llamas improved attendance in every participating school',
        'llamas lowered attendance',
      ),
    );
    expect((await holder.reload()).swapped).toBe(true);
    const quotes = quotesOf(holder, ZEPPELIN_QUESTION);
    expect(quotes.some((quote) => quote.includes('llamas lowered attendance'))).toBe(true);
    expect(quotes.some((quote) => quote.includes('llamas improved attendance'))).toBe(false);
  });

  it('keeps the previous index serving when a broken file appears, and logs the file by name', async () => {
    const holder = await loadedHolder();
    const before = holder.engine;

    await writeFile(path.join(dir, 'zz-broken.md'), '---\nid: [oops\n---\nSome text.\n');
    const result = await holder.reload();
    expect(result.swapped).toBe(false);
    expect(result.problems.map((problem) => problem.file)).toEqual(['zz-broken.md']);
    expect(holder.engine).toBe(before);
    expect(holder.answer('what did RAND find for reading?').answered).toBe(true);
    expect(log.lines.some((line) => line.file === 'zz-broken.md' && Number(line.level) >= ERROR_LEVEL)).toBe(
      true,
    );
  });

  it('forgets the quotes of a removed file after reload', async () => {
    await writeFile(path.join(dir, 'zeppelin-orchard.md'), ZEPPELIN);
    const holder = await loadedHolder();
    expect(holder.answer(ZEPPELIN_QUESTION).answered).toBe(true);

    await unlink(path.join(dir, 'zeppelin-orchard.md'));
    expect(await holder.reload()).toMatchObject({ swapped: true, documents: 5 });
    const answer = holder.answer(ZEPPELIN_QUESTION);
    expect(answer.excerpts.some((excerpt) => excerpt.source.id === 'zeppelin-orchard')).toBe(false);
    expect(answer.excerpts.some((excerpt) => excerpt.quote.includes('llamas'))).toBe(false);
  });
});

describe('watching the knowledge folder', () => {
  it('calls back once after a burst of writes', async () => {
    const reload = vi.fn();
    const stop = watchKnowledge(dir, reload, log.logger, 50);
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
