import { readdir, readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROCESS_ARTICLE,
  processKnowledgeDir,
  type RunningBot,
  slackHttpEnv,
  spawnBot,
} from '../helpers/bot-process.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { postSlashCommand } from '../helpers/slack-signing.js';

/** Ids of the processes still alive in a process group (Linux: read from /proc). */
async function groupMembers(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces): state ppid pgrp …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
  }
  return members;
}

async function groupEmptyWithin(pgid: number, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let members = await groupMembers(pgid);
  while (members.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    members = await groupMembers(pgid);
  }
  return members;
}

describe.skipIf(process.platform !== 'linux')('stopping the bot the way a process manager does', () => {
  let fake: FakeSlack | undefined;
  let bot: RunningBot | undefined;
  let knowledgeDir: string | undefined;

  afterEach(async () => {
    const pgid = bot?.child.pid;
    if (pgid) for (const pid of await groupMembers(pgid)) process.kill(pid, 'SIGKILL');
    await fake?.close();
    if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
  });

  it.each([
    ['npm start', 'npm', ['start']],
    ['node dist/main.js (the README command for process managers)', process.execPath, ['dist/main.js']],
  ])(
    'SIGTERM to %s answers, drains and leaves no process behind',
    async (_name, command, args) => {
      fake = await FakeSlack.start();
      knowledgeDir = await processKnowledgeDir();
      // Its own process group, so the test can see every process the command started.
      bot = await spawnBot(command, args, slackHttpEnv(fake, { KNOWLEDGE_DIR: knowledgeDir }), {
        detached: true,
      });
      const pgid = bot.child.pid as number;
      const ack = await postSlashCommand(`http://127.0.0.1:${bot.port}/slack/events`, {
        text: PROCESS_ARTICLE.question,
        response_url: fake.responseUrl('before-stop'),
      });
      expect(ack.status).toBe(200);
      await fake.waitFor(() => fake?.responsesTo('before-stop')[0]);

      // Only the command's own process gets the signal, as from systemd's or a shell's `kill`.
      process.kill(pgid, 'SIGTERM');
      expect(await groupEmptyWithin(pgid, 10_000)).toEqual([]);
      expect(bot.output.join('')).toContain('"msg":"stopped"');
      // Production runs the built JavaScript, not the TypeScript loader.
      expect(bot.output.join('')).not.toContain('tsx');
    },
    90_000,
  );
});
