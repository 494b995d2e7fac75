import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type AddOutcome, addSources, FETCH_DEFAULTS } from '../../src/add/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTICLE_PAGE = path.join(root, 'test', 'fixtures', 'pages', 'article.html');
const run = promisify(execFile);

const NOTES = `# Notes: what RAND found — "in brief"

RAND followed students in 62 schools for two years.

The gains in mathematics were larger than the gains in reading.
`;

afterEach(removeTempFolders);

/** A work folder holding the given input files, and an empty knowledge folder inside it. */
async function setUp(files: Record<string, string | Uint8Array>): Promise<{ work: string; dir: string }> {
  const work = await tempFolder();
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(work, name), content);
  return { work, dir: path.join(work, 'knowledge') };
}

async function add(dir: string, inputs: string[], dryRun = false): Promise<AddOutcome[]> {
  return addSources(inputs, { dir, dryRun, fetch: FETCH_DEFAULTS });
}

describe('adding files', () => {
  it('adds a Markdown file without front matter: title from its heading, body exactly as it was', async () => {
    const { work, dir } = await setUp({ 'notes.md': NOTES });
    const [outcome] = await add(dir, [path.join(work, 'notes.md')]);
    expect(outcome).toMatchObject({
      ok: true,
      id: 'notes-what-rand-found-in-brief',
      title: 'Notes: what RAND found — "in brief"',
    });
    const text = await readFile(path.join(dir, 'notes-what-rand-found-in-brief.md'), 'utf8');
    expect(text).toBe(
      `---\nid: notes-what-rand-found-in-brief\ntitle: "Notes: what RAND found — \\"in brief\\""\nauthor:\npublisher:\ndate:\nurl:\nabout:\n---\n${NOTES}`,
    );
    const { documents, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(documents[0]?.meta.title).toBe('Notes: what RAND found — "in brief"');
    expect(documents[0]?.body).toBe(NOTES);
  });

  it('adds a saved web page and a text file in one run, one file each', async () => {
    const { work, dir } = await setUp({
      'plain.txt': 'Field notes\n\nThe district kept every school open.\n',
    });
    const outcomes = await add(dir, [ARTICLE_PAGE, path.join(work, 'plain.txt')]);
    expect(outcomes.map((outcome) => outcome.ok && outcome.id)).toEqual([
      'schools-try-personalized-learning-what-the-study-found',
      'field-notes',
    ]);
    expect(Object.keys(await snapshot(dir))).toEqual([
      'field-notes.md',
      'schools-try-personalized-learning-what-the-study-found.md',
    ]);
  });

  it('never overwrites: a name already taken gets a number, and the old file is untouched', async () => {
    const { work, dir } = await setUp({ 'notes.md': NOTES });
    await add(dir, [ARTICLE_PAGE]);
    const taken = path.join(dir, 'notes-what-rand-found-in-brief.md');
    await writeFile(taken, '---\nid: someone-elses\ntitle: Mine\n---\nA different text entirely.\n');
    const before = await snapshot(dir);
    const [outcome] = await add(dir, [path.join(work, 'notes.md')]);
    expect(outcome).toMatchObject({ ok: true, id: 'notes-what-rand-found-in-brief-2' });
    const after = await snapshot(dir);
    for (const [name, text] of Object.entries(before)) expect(after[name]).toBe(text);
  });

  it('refuses the same text twice, naming the file that holds it', async () => {
    const { work, dir } = await setUp({ 'notes.md': NOTES, 'copy.txt': NOTES.replace(/\n/g, '\r\n') });
    const [first, second] = await add(dir, [path.join(work, 'notes.md'), path.join(work, 'copy.txt')]);
    expect(first?.ok).toBe(true);
    expect(second).toEqual({
      ok: false,
      input: path.join(work, 'copy.txt'),
      error: expect.stringContaining(
        'already in the knowledge folder as notes-what-rand-found-in-brief.md, source id notes-what-rand-found-in-brief (same text)',
      ),
    });
  });

  it('writes nothing on a dry run but reports what it would write', async () => {
    const { dir } = await setUp({});
    const [outcome] = await add(dir, [ARTICLE_PAGE], true);
    expect(outcome).toMatchObject({
      ok: true,
      file: path.join(dir, 'schools-try-personalized-learning-what-the-study-found.md'),
    });
    expect(outcome?.ok && outcome.quotable).toContain('Reading showed a similar positive trend');
    await expect(snapshot(dir)).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['a missing file', 'missing.pdf', null, /missing\.pdf: no such file; check the path/],
    [
      'a Word document',
      'report.docx',
      'PK\u0003\u0004',
      /report\.docx: cannot add a \.docx file; give an \.html, \.pdf, \.txt or \.md file/,
    ],
    [
      'a knowledge file',
      'ready.md',
      '---\nid: ready\n---\nText.\n',
      /ready\.md: already a knowledge file .*copy it into the knowledge folder/,
    ],
    [
      'a page without an article',
      'empty.html',
      '<html><body><nav><a href="/">Home</a></nav></body></html>',
      /empty\.html: no article text found on the page; save the article's text as a \.txt file/,
    ],
    [
      'a broken PDF',
      'broken.pdf',
      '%PDF-1.7\nnot really a pdf',
      /broken\.pdf: not a readable PDF .*check that the file opens in a PDF viewer/,
    ],
    [
      'text that is not UTF-8',
      'latin.txt',
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      /latin\.txt: not valid UTF-8 text; save it as UTF-8/,
    ],
  ])(
    'refuses %s, naming the file and the fix, and changes nothing',
    async (_case, name, content, message) => {
      const { work, dir } = await setUp(content === null ? {} : { [name]: content });
      await add(dir, [ARTICLE_PAGE]);
      const before = await snapshot(dir);
      const [outcome] = await add(dir, [path.join(work, name)]);
      expect(outcome?.ok).toBe(false);
      expect(outcome?.ok === false && outcome.error).toMatch(message);
      expect(await snapshot(dir)).toEqual(before);
    },
  );
});

describe('npm run add', () => {
  it('prints one JSON line per input with --json, errors included, and exits 1 when one failed', async () => {
    const { work, dir } = await setUp({ 'notes.md': NOTES });
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'add',
        '--dry-run',
        '--json',
        ARTICLE_PAGE,
        path.join(work, 'notes.md'),
        'nope.pdf',
      ],
      { cwd: root, env: { PATH: process.env.PATH, KNOWLEDGE_DIR: dir } },
    ).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result && result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(Object.keys(lines[0])).toEqual([
      'input',
      'file',
      'id',
      'title',
      'author',
      'publisher',
      'date',
      'dateSource',
      'url',
      'quotable',
    ]);
    expect(lines[0]).toMatchObject({
      author: 'Jane Reporter',
      publisher: 'Example News',
      date: '2017-07-11',
      dateSource: null,
      url: null,
    });
    expect(lines[1]).toMatchObject({ id: 'notes-what-rand-found-in-brief', author: null });
    expect(lines[2]).toEqual({ input: 'nope.pdf', error: expect.stringContaining('nope.pdf: no such file') });
    await expect(snapshot(dir)).rejects.toThrow(/ENOENT/);
  });
});
