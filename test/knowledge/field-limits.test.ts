import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FRONT_MATTER_LIMITS, loadKnowledge, parseKnowledgeFile } from '../../src/knowledge/index.js';

const BODY = 'Researchers followed forty schools for two years and measured what students learned.\n';

function file(frontMatter: string): string {
  return `---\nid: limits\n${frontMatter}\n---\n${BODY}`;
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('front-matter field limits', () => {
  it.each([
    ['title', FRONT_MATTER_LIMITS.title],
    ['author', FRONT_MATTER_LIMITS.author],
    ['publisher', FRONT_MATTER_LIMITS.publisher],
    ['about', FRONT_MATTER_LIMITS.about],
  ])('accepts a %s of %i characters and refuses one more, naming the field and the limit', (field, limit) => {
    expect(parseKnowledgeFile(file(`${field}: ${'a'.repeat(limit)}`)).meta).toMatchObject({
      [field]: 'a'.repeat(limit),
    });
    expect(() => parseKnowledgeFile(file(`${field}: ${'a'.repeat(limit + 1)}`))).toThrow(
      `invalid front matter: ${field}: is ${(limit + 1).toLocaleString('en-US')} characters long; the limit is ${limit.toLocaleString('en-US')} (shorten it)`,
    );
  });

  it('keeps title and author to 300 characters and about to 1,000', () => {
    expect(FRONT_MATTER_LIMITS).toMatchObject({ title: 300, author: 300, about: 1000 });
  });

  it('refuses a url over 2,000 characters and an override list of more than 500 entries', () => {
    expect(() => parseKnowledgeFile(file(`url: https://example.com/${'a'.repeat(2000)}`))).toThrow(
      /url: is 2,020/,
    );
    const many = Array.from({ length: 501 }, (_, i) => i + 1).join(', ');
    expect(() => parseKnowledgeFile(file(`boilerplate:\n  drop: [${many}]`))).toThrow(/boilerplate\.drop/);
  });

  it('refuses a 10 MB title before parsing it, and the folder still loads the other files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-limits-'));
    folders.push(dir);
    await writeFile(
      path.join(dir, 'huge-title.md'),
      `---\nid: huge\ntitle: ${'t'.repeat(10 * 1024 * 1024)}\n---\n${BODY}`,
    );
    await writeFile(path.join(dir, 'good.md'), `---\nid: good\ntitle: A good article\n---\n${BODY}`);
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((document) => document.file)).toEqual(['good.md']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('huge-title.md');
    expect(problems[0]?.reason).toMatch(
      /^front matter too long: is 10,485,7\d\d characters long; the limit is 65,536/,
    );
    expect(problems[0]?.reason.length).toBeLessThan(300);
  });
});
