import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BotError, ErrorCode } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const ARTICLE =
  'Researchers followed forty schools for two years and measured what students learned.\n\nThe gains in mathematics were larger than the gains in reading.\n';

function knowledgeFile(frontMatter: string, body = ARTICLE): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

const GOOD = knowledgeFile('id: good-article\ntitle: A good article\npublisher: Example News');

const folders: string[] = [];

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-load-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loading the knowledge folder', () => {
  it.each([
    ['bad YAML front matter', knowledgeFile('id: broken\ntitle: [unclosed'), /broken front matter/],
    ['a missing id', knowledgeFile('title: No id here'), /id/],
    ['an empty body', knowledgeFile('id: empty-body', '\n   \n'), /empty body/],
    ['invalid UTF-8', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]), /UTF-8/],
    ['no front matter', 'Just some text without any front matter.\n', /no front matter/],
  ])('reports a file with %s by name and still loads the good file', async (_case, content, reason) => {
    const dir = await folderWith({ 'a-good.md': GOOD, 'b-broken.md': content });
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.meta.id)).toEqual(['good-article']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('b-broken.md');
    expect(problems[0]?.reason).toMatch(reason);
  });

  it('reports every broken file of a folder at once, in file-name order', async () => {
    const dir = await folderWith({
      'a-good.md': GOOD,
      'c-no-id.md': knowledgeFile('title: No id here'),
      'b-bad-yaml.md': knowledgeFile('id: [unclosed'),
      'd-empty.md': knowledgeFile('id: empty-body', '\n'),
    });
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.file)).toEqual(['a-good.md']);
    expect(problems.map((problem) => problem.file)).toEqual(['b-bad-yaml.md', 'c-no-id.md', 'd-empty.md']);
  });

  it('reports a file whose date is not a real calendar date', async () => {
    const dir = await folderWith({
      'a-good.md': GOOD,
      'b-bad-date.md': knowledgeFile('id: bad-date\ndate: 2017-13-45'),
    });
    const { problems } = await loadKnowledge(dir);
    expect(problems.map((problem) => problem.file)).toEqual(['b-bad-date.md']);
  });

  it('throws KNOWLEDGE_FOLDER_MISSING for a folder that does not exist', async () => {
    const missing = path.join(os.tmpdir(), 'knowledge-load-does-not-exist-4f1c');
    const error = await loadKnowledge(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe(ErrorCode.KnowledgeFolderMissing);
    expect((error as BotError).code).toBe('KNOWLEDGE_FOLDER_MISSING');
    expect((error as BotError).message).toContain(missing);
  });

  it('loads a .txt file: title from its first line, id from its name, the text exactly as it is', async () => {
    const notes = 'Field notes: the pilot year\n\nThe district kept every school open during the pilot.\n';
    const dir = await folderWith({ 'a-good.md': GOOD, 'Pilot Notes.txt': notes, 'image.png': 'not text' });
    const { documents, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    const text = documents.find((document) => document.file === 'Pilot Notes.txt');
    expect(text?.meta).toMatchObject({ id: 'pilot-notes', title: 'Field notes: the pilot year' });
    expect(text?.body).toBe(notes);
  });

  it('names the real line of a headline with a colon and says to put the value in quotes', async () => {
    const dir = await folderWith({
      'a-good.md': GOOD,
      'b-colon.md': knowledgeFile('id: colon\ntitle: Study: the results are in\npublisher: Example'),
    });
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.file)).toEqual(['a-good.md']);
    expect(problems).toEqual([
      {
        file: 'b-colon.md',
        reason: expect.stringContaining('line 3: "title: Study: the results are in"'),
      },
    ]);
    expect(problems[0]?.reason).toContain('put the value in quotes: title: "Study: the results are in"');
  });

  it.each([
    ['report.pdf', 'PDF'],
    ['saved-page.html', 'HTML'],
  ])('tells how to add %s dropped straight into the folder, and still loads the rest', async (name, kind) => {
    const dir = await folderWith({ 'a-good.md': GOOD, [name]: 'bytes' });
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([
      {
        file: name,
        reason: expect.stringContaining(
          `a ${kind} file is not read as it is: run npm run add -- ${path.join(dir, name)}`,
        ),
      },
    ]);
  });

  it('loads the seed articles without problems, with only what the sources say of themselves', async () => {
    const { documents, problems } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(5);
    const hechinger = documents.find((document) => document.meta.publisher === 'The Hechinger Report');
    expect(hechinger?.meta).toMatchObject({
      id: 'hechinger-rand-personalized-learning',
      title: null,
      author: null,
      date: null,
      url: null,
    });
    expect(documents.every((document) => document.meta.url === null)).toBe(true);
  });
});
