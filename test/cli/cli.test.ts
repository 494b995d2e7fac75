import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI's environment: the seed articles' fixture copy as the knowledge folder, unless a test says otherwise. */
function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MAX_EXCERPTS;
  return { ...env, KNOWLEDGE_DIR: SEED_KNOWLEDGE_DIR, ...extra };
}

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      { cwd: ROOT, env: cliEnv(options.env ?? {}), timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm run ask', () => {
  it('prints a readable answer with the quote and its citation', async () => {
    const run = await cli(['ask', 'what did RAND find for reading?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Reading showed a similar positive trend|gains in mathematics and reading/);
    expect(run.stdout).toMatch(
      /— .+, (The 74|The Hechinger Report|School Leadership 2\.0)(, \d{4}-\d{2}-\d{2})?, paragraph \d+/,
    );
  });

  it('prints one JSON object with --json, its keys in a stable order', async () => {
    const run = await cli(['ask', '--json', 'what did RAND find for reading?']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toEqual(
      expect.objectContaining({
        question: 'what did RAND find for reading?',
        answered: expect.any(Boolean),
        status: expect.stringMatching(/^(answered|uncertain)$/),
        message: expect.any(String),
        excerpts: expect.any(Array),
      }),
    );
    expect(answer.excerpts.length).toBeGreaterThan(0);
    for (const excerpt of answer.excerpts) {
      expect(Object.keys(excerpt)).toEqual(['quote', 'source', 'location', 'score']);
      expect(Object.keys(excerpt.source)).toEqual(['id', 'title', 'publisher', 'author', 'date', 'url']);
      expect(excerpt.location).toEqual({
        paragraph: expect.any(Number),
        start: expect.any(Number),
        end: expect.any(Number),
      });
      expect(typeof excerpt.score).toBe('number');
    }
  });

  it('answers each stdin line as one JSON line, skipping blank lines', async () => {
    const run = await cli(['ask', '--json'], {
      input: "Who funded the study?\n\nWhat's the weather tomorrow?\n",
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    const [funded, weather] = lines.map((line) => JSON.parse(line));
    expect(funded.question).toBe('Who funded the study?');
    expect(weather).toMatchObject({
      question: "What's the weather tomorrow?",
      answered: false,
      excerpts: [],
    });
  });

  it('exits 0 when the sources do not cover the question, and says so', async () => {
    const text = await cli(['ask', "What's the weather tomorrow?"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("The sources don't cover that.");
    const json = await cli(['ask', '--json', "What's the weather tomorrow?"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).answered).toBe(false);
  });

  it('exits 1 and names the folder when KNOWLEDGE_DIR does not exist', async () => {
    const run = await cli(['ask', 'reading'], { env: { KNOWLEDGE_DIR: '/nonexistent/folder' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/nonexistent/folder');
  });
});

describe('the command line', () => {
  it.each([['help'], ['--help']])('prints its usage for `%s`, exit 0', async (arg) => {
    const run = await cli([arg]);
    expect(run.code).toBe(0);
    for (const command of ['ask', 'check-knowledge', 'eval']) expect(run.stdout).toContain(`  ${command} `);
  });

  it('prints its usage on stdout and exits 2 when no command is given', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('usage:');
  });
});

describe('npm run check-knowledge', () => {
  it('exits 0 on the seed articles', async () => {
    const run = await cli(['check-knowledge']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5 documents loaded, 0 problems');
  });

  it('exits 1 and names a broken file, with the reason, beside good ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-cli-'));
    temps.push(dir);
    await cp(SEED_KNOWLEDGE_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, 'zz-broken-file.md'), '---\nid: [\n---\nText.\n');
    const run = await cli(['check-knowledge'], { env: { KNOWLEDGE_DIR: dir } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL zz-broken-file.md: broken front matter');
  });
});
