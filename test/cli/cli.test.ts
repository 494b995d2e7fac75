import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = ['--import', 'tsx', 'src/cli.ts'];
const env = { PATH: process.env.PATH };

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  return run(process.execPath, [...CLI, ...args], { cwd: root, env: { ...env, ...extraEnv } });
}

function cliWithStdin(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
    child.stdin.end(input);
  });
}

describe('npm run ask', () => {
  it('prints a readable answer with the quote and its citation', async () => {
    const { stdout } = await cli(['ask', 'what did RAND find for reading?']);
    expect(stdout).toContain('Reading showed a similar positive trend');
    expect(stdout).toContain('The 74, 2017-07-11, paragraph 33');
  });

  it('prints one JSON object with --json', async () => {
    const { stdout } = await cli(['ask', '--json', 'Who funded the study?']);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining(['question', 'answered', 'message', 'excerpts']),
    );
    expect(Object.keys(answer.excerpts[0])).toEqual(['quote', 'source', 'location', 'score']);
    expect(Object.keys(answer.excerpts[0].source)).toEqual([
      'id',
      'title',
      'publisher',
      'author',
      'date',
      'url',
    ]);
  });

  it('answers each stdin line with one JSON line, skipping blank lines', async () => {
    const out = await cliWithStdin(
      ['ask', '--json'],
      "Who funded the study?\n\nWhat's the weather tomorrow?\n",
    );
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ answered: false, excerpts: [] });
  });

  it('exits 0 when the sources do not cover the question', async () => {
    const { stdout } = await cli(['ask', "What's the weather tomorrow?"]);
    expect(stdout).toContain("The sources don't cover that.");
  });

  it('fails with a message naming a missing knowledge folder', async () => {
    const error = await cli(['ask', 'anything'], { KNOWLEDGE_DIR: '/nonexistent/folder' }).catch(
      (caught) => caught,
    );
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('/nonexistent/folder');
  });
});

describe('npm run check-knowledge', () => {
  it('passes on the seed folder and names a broken file elsewhere', async () => {
    const { stdout } = await cli(['check-knowledge']);
    expect(stdout).toContain('5 documents loaded, 0 problems');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'check-'));
    try {
      await writeFile(path.join(dir, 'broken.md'), '---\nid: [\n---\nText.\n');
      const error = await cli(['check-knowledge'], { KNOWLEDGE_DIR: dir }).catch((caught) => caught);
      expect(error.code).toBe(1);
      expect(error.stdout).toContain('FAIL broken.md: broken front matter');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
