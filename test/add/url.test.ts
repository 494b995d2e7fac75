import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AddOutcome, addSources } from '../../src/add/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { servePages } from '../helpers/page-server.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

const ARTICLE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'pages',
  'article.html',
);
const LIMITS = { timeoutMs: 500, maxBytes: 64 * 1024 };

let server: Awaited<ReturnType<typeof servePages>>;
let articleHtml: string;

beforeAll(async () => {
  articleHtml = await readFile(ARTICLE, 'utf8');
  server = await servePages({
    '/article': (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml),
    '/slow': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html><body><p>The first words arrive, the rest never does');
    },
    '/huge': (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'word '.repeat(40_000)}</p>`),
    '/endless': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => response.write(`<p>${'more '.repeat(2_000)}</p>`), 1);
      response.on('close', () => clearInterval(timer));
    },
    '/image': (_request, response) =>
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50])),
  });
});

afterAll(() => server.close());
afterEach(removeTempFolders);

async function addUrl(dir: string, url: string): Promise<AddOutcome> {
  const [outcome] = await addSources([url], { dir, dryRun: false, fetch: LIMITS });
  return outcome as AddOutcome;
}

describe('adding a web page by URL', () => {
  it('writes the article with the metadata the page states, and the bot can load it', async () => {
    const dir = await tempFolder();
    const outcome = await addUrl(dir, `${server.base}/article`);
    expect(outcome).toMatchObject({
      ok: true,
      id: 'schools-try-personalized-learning-what-the-study-found',
      title: 'Schools try personalized learning: what the study found',
      author: 'Jane Reporter',
      publisher: 'Example News',
      date: '2017-07-11',
      url: `${server.base}/2017/07/personalized-learning-study`,
    });
    const text = await readFile(
      path.join(dir, 'schools-try-personalized-learning-what-the-study-found.md'),
      'utf8',
    );
    expect(text).toContain('title: "Schools try personalized learning: what the study found"');
    expect(text).toContain(
      'Reading showed a similar positive trend, but the improvement was not statistically',
    );
    for (const furniture of [
      'Home',
      'Share on',
      'Photo:',
      'Published 9:30',
      'You may also like',
      'charter schools',
      'Most read',
      '©',
    ])
      expect(text).not.toContain(furniture);
    const { documents, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(documents[0]?.meta.title).toBe('Schools try personalized learning: what the study found');
  });

  it('refuses the same page a second time, naming the file that holds it', async () => {
    const dir = await tempFolder();
    await addUrl(dir, `${server.base}/article`);
    const before = await snapshot(dir);
    const again = await addUrl(dir, `${server.base}/article`);
    expect(again).toEqual({
      ok: false,
      input: `${server.base}/article`,
      error: expect.stringContaining(
        'already in the knowledge folder as schools-try-personalized-learning-what-the-study-found.md, source id schools-try-personalized-learning-what-the-study-found (same URL)',
      ),
    });
    expect(await snapshot(dir)).toEqual(before);
  });

  it.each([
    ['a slow page', '/slow', /no complete answer within 0\.5 s; check the address/],
    ['a huge page', '/huge', /larger than 0\.1 MB; save the part you need as a file/],
    ['a page that never stops', '/endless', /larger than 0\.1 MB/],
    ['an image', '/image', /not a web page or PDF \(content type image\/png\)/],
    ['a missing page', '/missing', /the server answered 404 Not Found; check the address/],
  ])('refuses %s with a clear message and writes nothing', async (_case, route, message) => {
    const dir = await tempFolder();
    const before = await snapshot(dir);
    const outcome = await addUrl(dir, `${server.base}${route}`);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && outcome.error).toMatch(message);
    expect(outcome.ok === false && outcome.error).toContain(`${server.base}${route}`);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses an address nothing answers on', async () => {
    const dir = await tempFolder();
    const closed = await servePages({});
    await closed.close();
    const outcome = await addUrl(dir, `${closed.base}/nothing-here`);
    expect(outcome.ok === false && outcome.error).toMatch(
      /could not connect \(ECONNREFUSED\); check the address/,
    );
  });
});
