import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processKnowledgeDir, ROOT, slackHttpEnv } from '../helpers/bot-process.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { TEST_BOT_TOKEN } from '../helpers/slack-signing.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBot(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/index.ts'],
      { cwd: ROOT, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Lines at FATAL level in pretty output. */
function fatalLines(output: string): string[] {
  return output.split('\n').filter((line) => / FATAL /.test(line));
}

let fake: FakeSlack;
let knowledgeDir: string;
/** A Web API address where nothing listens (a port that was free a moment ago). */
let closedApiUrl: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  knowledgeDir = await processKnowledgeDir();
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  closedApiUrl = `http://127.0.0.1:${port}/api/`;
});

afterAll(async () => {
  await fake?.close();
  await rm(knowledgeDir, { recursive: true, force: true });
});

describe.concurrent('a bot that cannot start, as a person at a terminal sees it (LOG_FORMAT=pretty)', () => {
  it('says Slack cannot be reached, and to check the network, when the name does not resolve', async () => {
    const run = await runBot(
      slackHttpEnv(fake, {
        KNOWLEDGE_DIR: knowledgeDir,
        LOG_FORMAT: 'pretty',
        SLACK_API_URL: 'http://slack.invalid/api/',
      }),
    );
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    const [fatal, ...more] = fatalLines(output);
    expect(more).toEqual([]);
    expect(fatal).toMatch(
      /Cannot reach Slack at slack\.invalid \((ENOTFOUND|EAI_AGAIN)\): check the network/,
    );
    expect(fatal).not.toMatch(/SLACK_BOT_TOKEN/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/^\{/m);
  }, 40_000);

  it('says Slack cannot be reached when nothing listens at SLACK_API_URL', async () => {
    const run = await runBot(
      slackHttpEnv(fake, {
        KNOWLEDGE_DIR: knowledgeDir,
        LOG_FORMAT: 'pretty',
        SLACK_API_URL: closedApiUrl,
      }),
    );
    expect(run.code).toBe(1);
    const [fatal] = fatalLines(run.stdout);
    expect(fatal).toContain(
      `Cannot reach Slack at ${new URL(closedApiUrl).host} (ECONNREFUSED): check the network`,
    );
    expect(fatal).toMatch(/SLACK_API_URL/);
  }, 40_000);

  it('says the token was refused, and where to copy it again, when Slack refuses it', async () => {
    fake.failing.set('auth.test', 'invalid_auth');
    const run = await runBot(slackHttpEnv(fake, { KNOWLEDGE_DIR: knowledgeDir, LOG_FORMAT: 'pretty' }));
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    const [fatal, ...more] = fatalLines(output);
    expect(more).toEqual([]);
    expect(fatal).toMatch(
      /Slack refused SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User OAuth Token .* OAuth & Permissions/,
    );
    expect(fatal).not.toMatch(/network/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain(TEST_BOT_TOKEN);
  }, 40_000);
});

describe('a bot that cannot start, as a log collector sees it (stdout not a terminal)', () => {
  it('keeps one JSON line per event, the failure with its detail at level fatal', async () => {
    const run = await runBot(
      slackHttpEnv(fake, { KNOWLEDGE_DIR: knowledgeDir, SLACK_API_URL: closedApiUrl }),
    );
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { stack?: string } });
    const fatal = lines.find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/^Cannot reach Slack at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(fatal?.err?.stack).toBeTruthy();
  }, 40_000);
});
