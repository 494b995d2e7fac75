import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { postSlashCommand, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-signing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the real bot process (Slack HTTP mode against the fake) and resolves with its HTTP port. */
async function startBot(fake: FakeSlack): Promise<{ child: ChildProcess; port: number; output: string[] }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  Object.assign(env, {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    KNOWLEDGE_DIR: SEED_KNOWLEDGE_DIR,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.join('')}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const listening = /"port":(\d+).*http server listening/.exec(output.join(''));
      if (listening && output.join('').includes('slack: ready')) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`bot exited early (${code}):\n${output.join('')}`)));
  });
  return { child, port, output };
}

describe('the bot process', () => {
  let fake: FakeSlack | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
  });

  it('answers the question in flight when SIGTERM arrives, then exits 0 within 10 seconds', async () => {
    fake = await FakeSlack.start();
    fake.responseDelayMs = 1500;
    const bot = await startBot(fake);
    child = bot.child;
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);

    const ack = await postSlashCommand(`http://127.0.0.1:${bot.port}/slack/events`, {
      text: 'what did RAND find for reading?',
      response_url: fake.responseUrl('in-flight'),
    });
    expect(ack.status).toBe(200);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const answer = fake.responses.find((response) => response.id === 'in-flight');
    expect(JSON.stringify(answer?.body)).toMatch(
      /Reading showed a similar positive trend|gains in mathematics and reading/,
    );
    const logs = bot.output.join('');
    expect(logs).toContain('"platform":"slack"');
    expect(logs).toMatch(/"status":"(answered|uncertain)"[^\n]*"msg":"question answered/);
    expect(logs).not.toContain(TEST_BOT_TOKEN);
    expect(logs).not.toContain(TEST_SIGNING_SECRET);
  }, 30_000);
});
