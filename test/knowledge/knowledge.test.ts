import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KnowledgeError,
  KnowledgeErrorCode,
  loadKnowledge,
  markBoilerplate,
  segmentBody,
} from '../../src/knowledge/index.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const FRONT = '---\nid: sample\ntitle: A sample\npublisher: Example News\n---\n';

function classify(
  body: string,
  override = { drop: [] as Array<number | string>, keep: [] as Array<number | string> },
) {
  const paragraphs = markBoilerplate(body, segmentBody(body), override);
  return paragraphs.map((p) => ({ text: body.slice(p.start, p.end), boilerplate: p.boilerplate }));
}

const ARTICLE = [
  'Researchers studied 40 schools over two years and found steady gains in mathematics.',
  'Teachers said the new approach took more time to plan, but students were more engaged.',
  'The report recommends modest expectations for schools that adopt it quickly.',
];

describe('segmentation', () => {
  it('splits paragraphs on blank lines, including lines of non-breaking spaces, with exact trimmed offsets', () => {
    const body = 'First paragraph here.\n\u00a0\nSecond one.  \n\n\n  Third.\n';
    const paragraphs = segmentBody(body);
    expect(paragraphs.map((p) => body.slice(p.start, p.end))).toEqual([
      'First paragraph here.',
      'Second one.',
      'Third.',
    ]);
    expect(paragraphs.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('splits sentences without breaking "Corp. study", and ends a sentence at each line', () => {
    const body =
      'These are the findings of a new RAND Corp. study of 40 schools. It was released today.\nCorrected July 11\nA new line.';
    const [paragraph] = segmentBody(body);
    const sentences = paragraph?.sentences.map((s) => body.slice(s.start, s.end));
    expect(sentences).toEqual([
      'These are the findings of a new RAND Corp. study of 40 schools.',
      'It was released today.',
      'Corrected July 11',
      'A new line.',
    ]);
  });
});

describe('boilerplate', () => {
  it('keeps article prose and drops sign-ups, donation appeals, comment forms and page furniture', () => {
    const body = [
      'top of page',
      ...ARTICLE,
      'Sign up for our weekly newsletter to get stories like this delivered to your inbox.',
      'If you are interested in joining our funders, please consider a donation, here.',
      'Your email address will not be published. Required fields are marked *',
      '4 views0 comments',
      'bottom of page',
    ].join('\n\n');
    const result = classify(body);
    for (const paragraph of result) {
      expect(paragraph.boilerplate === null).toBe(ARTICLE.includes(paragraph.text));
    }
  });

  it('drops a list of other headlines, and a small ad cut off from the article by it', () => {
    const headlines = [
      'New Rankings Show the Most Educated Cities',
      'Five Things to Know About the Budget',
      'State Leaders Pivot After Outcry',
      'This Week in Education Policy',
    ];
    const ad = 'Mentors.net was founded in 1995 as a professional development resource for new teachers.';
    const result = classify([...ARTICLE, ...headlines, ad].join('\n\n'));
    expect(result.filter((p) => p.boilerplate === null).map((p) => p.text)).toEqual(ARTICLE);
    expect(result.find((p) => p.text === headlines[0])?.boilerplate).toBe('navigation or headline list');
  });

  it('applies the per-document override by paragraph number and by starting text', () => {
    const body = [...ARTICLE, 'Sign up for our newsletter'].join('\n\n');
    const result = classify(body, { drop: [1, 'The report recommends'], keep: ['Sign up'] });
    expect(result.map((p) => p.boilerplate === null)).toEqual([false, true, false, true]);
  });

  it('never keeps site furniture of the seed articles as article text, and keeps their findings', async () => {
    const { documents } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    const kept = documents.flatMap((document) =>
      document.paragraphs
        .filter((p) => p.boilerplate === null)
        .map((p) => document.body.slice(p.start, p.end)),
    );
    for (const furniture of [
      'Sign up',
      'newsletter',
      'donation',
      'Your email address',
      'Click HERE',
      'Reply to This',
      'Mentors.net',
    ]) {
      expect(kept.filter((text) => text.includes(furniture))).toEqual([]);
    }
    expect(kept.some((text) => text.includes('Reading showed a similar positive trend'))).toBe(true);
    expect(kept.some((text) => text.includes('31 charters'))).toBe(true);
  });
});

describe('loading the knowledge folder', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function folder(files: Record<string, string | Buffer>): Promise<string> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-'));
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return dir;
  }

  it('reports each broken file by name and reason while the good ones load', async () => {
    const good = `${FRONT}${ARTICLE.join('\n\n')}\n`;
    const { documents, problems } = await loadKnowledge(
      await folder({
        'a-good.md': good,
        'b-bad-yaml.md': '---\nid: [unclosed\n---\nText.\n',
        'c-no-id.md': '---\ntitle: No id\n---\nSome text that is long enough to be an article paragraph.\n',
        'd-duplicate.md': good,
        'e-empty.md': '---\nid: empty\n---\n\n  \n',
        'f-binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]),
        'g-no-front-matter.md': 'Just text.\n',
        'photo.png': 'ignored',
      }),
    );
    expect(documents.map((document) => document.file)).toEqual(['a-good.md']);
    const reasons = Object.fromEntries(problems.map((problem) => [problem.file, problem.reason]));
    expect(Object.keys(reasons)).toEqual([
      'b-bad-yaml.md',
      'c-no-id.md',
      'd-duplicate.md',
      'e-empty.md',
      'f-binary.md',
      'g-no-front-matter.md',
    ]);
    expect(reasons['b-bad-yaml.md']).toMatch(/broken front matter/);
    expect(reasons['c-no-id.md']).toMatch(/id/);
    expect(reasons['d-duplicate.md']).toMatch(/duplicate id "sample": a-good.md already uses it/);
    expect(reasons['e-empty.md']).toMatch(/empty body/);
    expect(reasons['f-binary.md']).toMatch(/not valid UTF-8/);
    expect(reasons['g-no-front-matter.md']).toMatch(/no front matter/);
  });

  it('fails with a clear error when the folder does not exist', async () => {
    const error = await loadKnowledge('/nonexistent/knowledge').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).code).toBe(KnowledgeErrorCode.FolderMissing);
    expect((error as KnowledgeError).message).toContain('/nonexistent/knowledge');
  });

  it('loads the five seed articles with only what the sources say of themselves', async () => {
    const { documents, problems } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(5);
    const hechinger = documents.find(
      (document) => document.meta.id === 'hechinger-rand-personalized-learning',
    );
    expect(hechinger?.meta).toMatchObject({
      title: null,
      publisher: 'The Hechinger Report',
      author: null,
      date: null,
      url: null,
    });
    expect(documents.every((document) => document.meta.url === null)).toBe(true);
  });
});
