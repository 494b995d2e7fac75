import { execFile } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NUMBERING_LEGEND, paragraphLines } from '../../src/cli/check-knowledge.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { printableName } from '../../src/printable.js';
import { ROOT } from '../helpers/bot-process.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const BODY = 'Researchers followed forty schools for two years and measured what students learned.\n';

function checkKnowledge(dir: string, ...flags: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'check-knowledge', ...flags],
      { cwd: ROOT, env: { PATH: process.env.PATH, KNOWLEDGE_DIR: dir }, timeout: 20_000 },
      (error, stdout) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout }),
    );
  });
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'check-knowledge-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('check-knowledge output', () => {
  it('prints a file name holding a newline escaped, so it cannot forge a line of the report', async () => {
    const forged = 'broken.md\nok   forged.md (forged): 9 article paragraphs, 0 boilerplate\nx.md';
    const dir = await folder({
      'good.md': `---\nid: good\ntitle: Good\n---\n${BODY}`,
      [forged]: 'no front matter here\n',
    });
    const { code, stdout } = await checkKnowledge(dir);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith('ok   forged.md'))).toEqual([]);
    expect(lines[1]).toBe(
      `FAIL ${printableName(forged)}: no front matter: the file must start with a --- line and close it with ---`,
    );
    expect(lines[1]).toContain('"broken.md\\nok   forged.md');
  });

  it('reports two files with one id naming both, and which one keeps it', async () => {
    const dir = await folder({
      'rand-study.md': `---\nid: rand-study\ntitle: Genuine\n---\n${BODY}`,
      'a-newcomer.md': `---\nid: rand-study\ntitle: Newcomer\n---\n${BODY}`,
    });
    const old = new Date(Date.now() - 86_400_000);
    await utimes(path.join(dir, 'rand-study.md'), old, old);
    const { code, stdout } = await checkKnowledge(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('ok   rand-study.md (rand-study)');
    expect(stdout).toContain(
      'FAIL a-newcomer.md: duplicate id "rand-study": rand-study.md already has it and keeps serving it (it is named after the id)',
    );
  });
});

describe('check-knowledge --verbose', () => {
  it('shows each paragraph with its number in the file and the number citations give it', async () => {
    const { documents } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    const the74 = documents.find((document) => document.meta.id === 'the74-rand-math-scores-scaling');
    if (!the74) throw new Error('the 74 article is missing from the seed knowledge');
    const lines = paragraphLines(the74);
    expect(lines).toHaveLength(the74.paragraphs.length);
    expect(lines[0]).toBe(
      '       #1  --  navigation or headline list: Flashback: Before She Ran NYC’s Schools and Revived Forced Hiring of T',
    );
    expect(lines[26]).toBe('       #27 --  newsletter or sign-up: Sign Up for Our Newsletter');
    expect(lines[32]).toBe(
      '       #33 ¶6  The researchers found that students engaged in the personalized model ',
    );
    expect(lines.filter((line) => /^ {7}#\d+ +¶\d+ /.test(line))).toHaveLength(16);
  });

  it('prints the legend once, then every paragraph of each file under its summary line', async () => {
    const dir = await folder({
      'good.md': `---\nid: good\ntitle: Good\n---\nSign up for our newsletter!\n\n${BODY}`,
    });
    const { code, stdout } = await checkKnowledge(dir, '--verbose');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      NUMBERING_LEGEND,
      'ok   good.md (good): 1 article paragraphs, 1 boilerplate',
      '       #1 --  newsletter or sign-up: Sign up for our newsletter!',
      `       #2 ¶1  ${BODY.trim().slice(0, 70)}`,
      `1 documents loaded, 0 problems in ${printableName(dir)}`,
    ]);
  });
});

describe('printable names', () => {
  it('leaves ordinary names alone and quotes and escapes ones with control or bidi characters', () => {
    expect(printableName('the74-rand.md')).toBe('the74-rand.md');
    expect(printableName('café – notes.md')).toBe('café – notes.md');
    expect(printableName('a\nb.md')).toBe('"a\\nb.md"');
    expect(printableName('a\r\u001b[2Kb.md')).toBe('"a\\r\\u001b[2Kb.md"');
    expect(printableName('x\u202egpj.md')).toBe('"x\\u202egpj.md"');
    expect(printableName('q"\\\n.md')).toBe('"q\\"\\\\\\n.md"');
  });
});
