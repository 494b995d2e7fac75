import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = path.join(ROOT, 'src', 'index.ts');
/** tsx by absolute URL, so the bot can run from a folder without a .env that could add tokens. */
const TSX = import.meta.resolve('tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function platformFreeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SLACK_|DISCORD_)/.test(name)),
  );
  return { ...env, ...extra };
}

function startBot(extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, ENTRY],
      { cwd: os.tmpdir(), env: platformFreeEnv(extra), timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.concurrent('starting the bot', () => {
  it('exits 2 and explains how to configure a platform when none is set', async () => {
    const run = await startBot();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('DISCORD_TOKEN');
    expect(run.stderr).toContain('npm run ask');
  });

  it('exits 2 asking for the signing secret when only SLACK_BOT_TOKEN is set, without echoing it', async () => {
    const token = 'xoxb-test-UNIQUE-8c41d2';
    const run = await startBot({ SLACK_BOT_TOKEN: token });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(run.stderr).not.toContain(token);
    expect(run.stdout).not.toContain(token);
  });

  it('does not echo a bare xoxb-test token either', async () => {
    const run = await startBot({ SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(run.stderr).not.toContain('xoxb-test');
  });
});
