import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESEARCH_KB_DIR } from '../helpers/research-engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'ask', ...args],
      { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: RESEARCH_KB_DIR }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('ask --cite and filters on the command line', () => {
  it('prints each excerpt with its citation in the style asked for', async () => {
    const run = await ask(['--cite', 'chicago', 'from:gazette what did the tutoring study find for math?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(Only from Tutoring Gazette.)');
    expect(run.stdout).toContain(
      'Chicago (17th ed.): Ruiz, Ana. “Daily Tutoring Lifts Math Scores in Riverside Study.” Tutoring Gazette, March 14, 2016. https://gazette.example/tutoring-math.',
    );
  });

  it('adds the citation to the JSON of every excerpt', async () => {
    const run = await ask(['--json', '--cite', 'APA', 'who pays for tutoring?']);
    const json = JSON.parse(run.stdout) as { excerpts: Array<{ citation: { style: string; text: string } }> };
    expect(json.excerpts[0]?.citation).toEqual({
      style: 'apa',
      text: 'Lee, S., & Nair, P. (2019, January 20). Foundation Grant Pays for Tutoring Program Through 2021. City Daily. https://citydaily.example/news/tutoring-grant',
    });
  });

  it('refuses a style it does not know, saying which it knows', async () => {
    const run = await ask(['--cite', 'harvard', 'who pays?']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--cite must be one of apa, mla, chicago');
  });
});
