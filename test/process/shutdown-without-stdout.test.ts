import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  processKnowledgeDir,
  type RunningBot,
  slackHttpEnv,
  spawnBot,
  waitForExit,
} from '../helpers/bot-process.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';

describe('shutting down when nobody reads the log any more', () => {
  let fake: FakeSlack | undefined;
  let bot: RunningBot | undefined;
  let knowledgeDir: string | undefined;

  afterEach(async () => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake?.close();
    if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('exits within its 10-second deadline after SIGTERM even though stdout is a closed pipe', async () => {
    fake = await FakeSlack.start();
    knowledgeDir = await processKnowledgeDir();
    bot = await spawnBot(
      process.execPath,
      ['--import', 'tsx', 'src/index.ts'],
      slackHttpEnv(fake, { KNOWLEDGE_DIR: knowledgeDir }),
    );
    const pid = bot.child.pid as number;
    // The reader goes away: every later write to stdout fails with EPIPE.
    bot.child.stdout?.destroy();
    // Something to log while stdout is gone, then the signal.
    await fetch(`http://127.0.0.1:${bot.port}/nowhere`).catch(() => undefined);
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const exited = await waitForExit(pid, 12_000);
    expect(exited).toBe(true);
    expect(Date.now() - signalled).toBeLessThan(10_000);
  }, 40_000);
});
