import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { KnowledgeHolder } from '../../src/runtime/index.js';
import { SnapshotStore } from '../../src/snapshot/index.js';
import {
  answersOf,
  LIBRARY_QUESTIONS,
  libraryFile,
  libraryReport,
  writeLibrary,
} from '../helpers/library.js';
import { captureLogger } from '../helpers/slack-harness.js';

const REPORTS = 12;

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'incremental-'));
  dir = path.join(root, 'knowledge');
  await writeLibrary(dir, REPORTS);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fullBuildAnswers(): Promise<unknown[]> {
  const { documents } = await loadKnowledge(dir);
  return answersOf(createEngine(documents, { maxExcerpts: 3 }));
}

describe('incremental reload', () => {
  it('re-indexes only the changed file and answers exactly as a full rebuild', async () => {
    const holder = new KnowledgeHolder(dir, captureLogger().logger, { maxExcerpts: 3 });
    await holder.load();
    await writeFile(path.join(dir, libraryFile(5)), libraryReport(5, 3));
    expect(await holder.reload()).toMatchObject({ swapped: true, indexed: 1, documents: REPORTS });
    expect(answersOf(holder.engine)).toEqual(await fullBuildAnswers());
  });

  it('handles an added and a removed file in one reload like a full rebuild', async () => {
    const holder = new KnowledgeHolder(dir, captureLogger().logger, { maxExcerpts: 3 });
    await holder.load();
    await unlink(path.join(dir, libraryFile(0)));
    await writeFile(path.join(dir, libraryFile(7)), libraryReport(7, 1));
    await writeFile(path.join(dir, libraryFile(50)), libraryReport(50));
    expect(await holder.reload()).toMatchObject({ swapped: true, indexed: 2, documents: REPORTS });
    expect(answersOf(holder.engine)).toEqual(await fullBuildAnswers());
  });

  it('answers every question asked during a reload from the previous engine, never a half-built one', async () => {
    const holder = new KnowledgeHolder(dir, captureLogger().logger, { maxExcerpts: 3 });
    await holder.load();
    const before = answersOf(holder.engine);
    for (let n = 0; n < REPORTS; n += 2) await writeFile(path.join(dir, libraryFile(n)), libraryReport(n, 4));
    const during: unknown[][] = [];
    let done = false;
    const reload = holder.reload().finally(() => {
      done = true;
    });
    // Ask on every turn of the event loop until the reload has finished.
    while (!done) {
      during.push(LIBRARY_QUESTIONS.map((question) => JSON.parse(JSON.stringify(holder.answer(question)))));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await reload).swapped).toBe(true);
    const after = answersOf(holder.engine);
    expect(after).toEqual(await fullBuildAnswers());
    expect(after).not.toEqual(before);
    expect(during.length).toBeGreaterThan(0);
    for (const answers of during) expect(answers).toEqual(before);
  });

  it('saves the snapshot after a reload, so a restart starts from it', async () => {
    const log = captureLogger();
    const file = path.join(root, 'cache', 'knowledge.snapshot');
    const holder = new KnowledgeHolder(
      dir,
      log.logger,
      { maxExcerpts: 3 },
      new SnapshotStore(file, {}, log.logger),
    );
    await holder.load();
    await writeFile(path.join(dir, libraryFile(3)), libraryReport(3, 2));
    await holder.reload();
    await holder.saved();

    const restarted = new KnowledgeHolder(
      dir,
      log.logger,
      { maxExcerpts: 3 },
      new SnapshotStore(file, {}, log.logger),
    );
    expect(await restarted.load()).toMatchObject({ indexed: 0 });
    expect(answersOf(restarted.engine)).toEqual(answersOf(holder.engine));
    expect(answersOf(restarted.engine)).toEqual(await fullBuildAnswers());
  });
});
