import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeHolder, watchKnowledge } from '../../src/runtime/index.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { captureLogger } from '../helpers/slack-harness.js';

const NEW_SOURCE = `---
id: lunch-study
title: School lunches and attention
publisher: Example Daily
---
A district survey found that students who ate breakfast at school paid closer attention in morning lessons.

Cafeteria staff reported that the new breakfast program served 2,400 meals a day by spring.
`;

describe('knowledge reload', () => {
  let dir: string;
  let holder: KnowledgeHolder;
  let log: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reload-'));
    await cp(SEED_KNOWLEDGE_DIR, dir, { recursive: true });
    log = captureLogger();
    holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3 });
    await holder.load();
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a newly added file after a reload', async () => {
    expect(holder.answer('Did breakfast at school help attention?').answered).toBe(false);
    await writeFile(path.join(dir, 'lunch-study.md'), NEW_SOURCE);
    expect(await holder.reload()).toMatchObject({ swapped: true, documents: 6 });
    const answer = holder.answer('Did breakfast at school help attention?');
    expect(answer.excerpts[0]?.source.id).toBe('lunch-study');
  });

  it('quotes the edited text after a file changes', async () => {
    await writeFile(path.join(dir, 'lunch-study.md'), NEW_SOURCE);
    await holder.reload();
    await writeFile(path.join(dir, 'lunch-study.md'), NEW_SOURCE.replace('2,400 meals', '3,100 meals'));
    await holder.reload();
    expect(JSON.stringify(holder.answer('How many breakfast meals were served a day?').excerpts)).toContain(
      '3,100 meals',
    );
  });

  it('keeps the previous index serving when a new file is broken, and logs it by name', async () => {
    await writeFile(path.join(dir, 'broken.md'), '---\nid: [oops\n---\ntext\n');
    expect(await holder.reload()).toMatchObject({ swapped: false });
    expect(holder.answer('what did RAND find for reading?').answered).toBe(true);
    expect(log.lines.some((line) => line.file === 'broken.md' && line.level === 50)).toBe(true);
  });

  it('stops quoting a removed file', async () => {
    await unlink(path.join(dir, 'the74-rand-math-scores-scaling.md'));
    expect(await holder.reload()).toMatchObject({ swapped: true, documents: 4 });
    const answer = holder.answer('what did RAND find for reading?');
    expect(answer.excerpts.every((excerpt) => excerpt.source.id !== 'the74-rand-math-scores-scaling')).toBe(
      true,
    );
  });

  it('reloads once after a burst of changes in the watched folder', async () => {
    let reloads = 0;
    const stop = watchKnowledge(dir, () => reloads++, log.logger, 100);
    try {
      for (let i = 0; i < 5; i++)
        await writeFile(path.join(dir, `burst-${i}.md`), NEW_SOURCE.replace('lunch-study', `burst-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(reloads).toBe(1);
    } finally {
      stop();
    }
  });
});
