import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { KnowledgeHolder } from '../../src/runtime/index.js';
import { captureLogger } from '../helpers/slack-harness.js';

const GENUINE_SENTENCE = 'The genuine study found that tutoring raised reading scores by six points.';
const IMPOSTOR_SENTENCE = 'The impostor claims that tutoring lowered reading scores by ten points.';

function knowledgeFile(id: string, title: string, sentence: string): string {
  return `---\nid: ${id}\ntitle: ${title}\npublisher: Test Press\n---\n${sentence} It followed schools for two years.\n`;
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes files in order; each entry may say how many days ago its content last changed. */
async function folderWith(files: Array<[name: string, content: string, daysAgo?: number]>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-dup-'));
  folders.push(dir);
  for (const [name, content, daysAgo] of files) await writeAged(dir, name, content, daysAgo);
  return dir;
}

async function writeAged(dir: string, name: string, content: string, daysAgo = 0): Promise<void> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const when = new Date(Date.now() - daysAgo * 86_400_000);
  await utimes(file, when, when);
}

describe('two files with one id, at start-up', () => {
  it('keeps the file named after the id even when a newcomer sorts before it, and names both', async () => {
    const dir = await folderWith([
      ['rand-study.md', knowledgeFile('rand-study', 'Genuine', GENUINE_SENTENCE), 30],
      ['a-impostor.md', knowledgeFile('rand-study', 'Impostor', IMPOSTOR_SENTENCE)],
    ]);
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.file)).toEqual(['rand-study.md']);
    expect(problems).toEqual([
      {
        file: 'a-impostor.md',
        reason: expect.stringMatching(
          /^duplicate id "rand-study": rand-study\.md already has it and keeps serving it \(it is named after the id\)/,
        ),
      },
    ]);
  });

  it('keeps the older file when neither is named after the id, whatever their names', async () => {
    const dir = await folderWith([
      ['zz-genuine.md', knowledgeFile('shared-id', 'Genuine', GENUINE_SENTENCE), 30],
      ['aa-copy.md', knowledgeFile('shared-id', 'Copy', IMPOSTOR_SENTENCE), 1],
    ]);
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.file)).toEqual(['zz-genuine.md']);
    expect(problems.map((problem) => problem.file)).toEqual(['aa-copy.md']);
    expect(problems[0]?.reason).toContain('zz-genuine.md');
    expect(problems[0]?.reason).toContain('(it is the older file)');
  });

  it('makes the same choice on every start, so a restart never moves an id', async () => {
    const dir = await folderWith([
      ['zz-genuine.md', knowledgeFile('shared-id', 'Genuine', GENUINE_SENTENCE), 30],
      ['aa-copy.md', knowledgeFile('shared-id', 'Copy', IMPOSTOR_SENTENCE), 1],
    ]);
    const first = await loadKnowledge(dir);
    const second = await loadKnowledge(dir);
    expect(second).toEqual(first);
  });
});

describe('two files with one id, on reload', () => {
  it('keeps the file serving the id, reports the newcomer by name with the file it clashes with, and never cites it', async () => {
    const dir = await folderWith([
      ['zz-genuine.md', knowledgeFile('shared-id', 'Genuine', GENUINE_SENTENCE)],
    ]);
    const log = captureLogger();
    const holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3 });
    await holder.load();
    // The newcomer sorts first and even looks older (copied with its dates kept).
    await writeAged(dir, 'aa-newcomer.md', knowledgeFile('shared-id', 'Newcomer', IMPOSTOR_SENTENCE), 365);
    const result = await holder.reload();
    expect(result.problems).toEqual([
      {
        file: 'aa-newcomer.md',
        reason: expect.stringContaining('zz-genuine.md already has it and keeps serving it'),
      },
    ]);
    const logged = log.lines.find((line) => line.file === 'aa-newcomer.md');
    expect(String(logged?.reason)).toContain('zz-genuine.md');
    const answer = holder.answer('how did tutoring change reading scores?');
    expect(answer.excerpts.map((excerpt) => excerpt.source.title)).not.toContain('Newcomer');
    expect(answer.excerpts.map((excerpt) => excerpt.quote).join(' ')).not.toContain('impostor');
    expect(holder.engine.documents.map((document) => document.file)).toEqual(['zz-genuine.md']);
  });
});
