import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from './slack-fake-api.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-signing.js';

/** The repository root, where `package.json` and `src/` live. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One article the process tests answer from, so they never depend on what knowledge/ holds. */
export const PROCESS_ARTICLE = {
  id: 'reading-study',
  sentence: 'Students who read aloud every day gained four points in reading.',
  question: 'what did students who read aloud gain?',
};

/** A fresh knowledge folder holding the one test article. */
export async function processKnowledgeDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bot-process-knowledge-'));
  await writeFile(
    path.join(dir, `${PROCESS_ARTICLE.id}.md`),
    `---\nid: ${PROCESS_ARTICLE.id}\ntitle: A reading study\npublisher: Test Press\n---\n${PROCESS_ARTICLE.sentence} The study followed forty classrooms for a year.\n`,
  );
  return dir;
}

/** Environment for the bot in Slack HTTP mode against the fake, on a free port, with nothing inherited that names a platform. */
export function slackHttpEnv(fake: FakeSlack, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface RunningBot {
  child: ChildProcess;
  port: number;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output: string[];
}

/**
 * Spawns `command args` in the repository root and resolves once its log says the HTTP server
 * listens and Slack is ready, with the port it chose. Rejects if it exits first or takes 20 s.
 */
export async function spawnBot(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { detached?: boolean } = {},
): Promise<RunningBot> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.join('')}`)), 20_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`bot exited early (${code}):\n${output.join('')}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const text = output.join('');
      const listening = /"port":(\d+).*http server listening/.exec(text);
      if (listening && text.includes('slack: ready')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(Number(listening[1]));
      }
    });
    child.once('exit', onExit);
  });
  return { child, port, output };
}

/** True while a process with this id exists (signal 0 tests for it without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves true once `pid` is gone, false if it still runs after `ms`. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !processAlive(pid);
}
