import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeHolder, RELOAD_SETTLE_MS, watchKnowledge } from '../../src/runtime/index.js';
import { captureLogger } from '../helpers/slack-harness.js';

const STEADY = `---\nid: steady\ntitle: Steady\n---\nThe library opened a new reading room for older students last spring.\n`;
const HEAD = '---\nid: growing\ntitle: Growing\n---\nThe pilot classes gained 3 perc';
const TAIL = 'entile points in mathematics over the year.\n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-settle-'));
  folders.push(dir);
  await writeFile(path.join(dir, 'steady.md'), STEADY);
  return dir;
}

describe('reloading only files that have finished being written', () => {
  it('does not index a file that parses but is still being written, and then serves it whole', async () => {
    const dir = await folder();
    const holder = new KnowledgeHolder(dir, captureLogger().logger, { maxExcerpts: 3 });
    await holder.load();
    const served: string[] = [];
    const stop = watchKnowledge(
      dir,
      () =>
        void holder.reload().then(() => {
          served.push(holder.engine.documents.map((document) => document.body).join('|'));
        }),
      captureLogger().logger,
    );
    try {
      // A copy that pauses half way: the first half is a valid knowledge file ending mid-word.
      await writeFile(path.join(dir, 'growing.md'), HEAD);
      await sleep(RELOAD_SETTLE_MS / 2);
      await appendFile(path.join(dir, 'growing.md'), TAIL);
      const deadline = Date.now() + RELOAD_SETTLE_MS * 4;
      while (served.length === 0 && Date.now() < deadline) await sleep(50);
      await sleep(RELOAD_SETTLE_MS / 2);
    } finally {
      stop();
    }
    expect(served.length).toBeGreaterThan(0);
    for (const state of served) expect(state).not.toMatch(/3 perc$|3 perc\|/);
    const answer = holder.answer('how many percentile points did the pilot classes gain in mathematics?');
    expect(answer.excerpts[0]?.quote).toContain('gained 3 percentile points in mathematics');
  });

  it('reloads once for a burst of writes to several files', async () => {
    const dir = await folder();
    let reloads = 0;
    const stop = watchKnowledge(dir, () => reloads++, captureLogger().logger, 200);
    try {
      for (let i = 0; i < 5; i++) {
        await writeFile(path.join(dir, `burst-${i}.md`), STEADY.replace('steady', `burst-${i}`));
        await sleep(30);
      }
      await sleep(800);
    } finally {
      stop();
    }
    expect(reloads).toBe(1);
  });
});
