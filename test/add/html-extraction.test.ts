import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateline, isLicenceNotice } from '../../src/add/html/blocks-pass.js';
import { extractHtml } from '../../src/add/html/extract.js';
import { addSources, FETCH_DEFAULTS } from '../../src/add/index.js';
import { isPageNumber } from '../../src/add/pdf/furniture.js';
import { joinLines } from '../../src/add/pdf/paragraphs.js';

const PROSE = [
  'The committee met on Tuesday and agreed to publish the full report before the end of the year.',
  'Its members said the evidence was strong enough to act on, though several questions remained open.',
  'A second meeting is planned for the spring, when the first results from the pilot schools are due.',
];

function page(head: string, article: string): string {
  return `<!doctype html><html><head>${head}</head><body><main><article>${article}</article></main></body></html>`;
}

const paragraphs = PROSE.map((text) => `<p>${text}</p>`).join('');

describe('web page extraction', () => {
  it('keeps the article paragraphs and drops link lists, datelines, labels and headings with nothing under them', () => {
    const { text } = extractHtml(
      page(
        '<title>Report</title>',
        `<p>Published 10:48, Tue, Nov 19, 2019</p><p>Advertisement</p>${paragraphs}
         <h2>More from the newsroom</h2><ul><li><a href="/a">One other story about something</a></li>
         <li><a href="/b">Another story about something else</a></li></ul>`,
      ),
      null,
    );
    expect(text.split('\n\n')).toEqual(PROSE);
  });

  it('states nothing the page does not: no author, publisher, date or address when it gives none', () => {
    const { meta } = extractHtml(page('<title>Only a title</title>', paragraphs), null);
    expect(meta).toEqual({ title: 'Only a title', author: null, publisher: null, date: null, url: null });
  });

  it('reads authors and dates from JSON-LD, and resolves a relative canonical link against the page address', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Site' },
        {
          '@type': 'NewsArticle',
          headline: 'Committee agrees to publish',
          author: [
            { '@type': 'Person', name: 'A. Writer' },
            { '@type': 'Person', name: 'B. Writer' },
          ],
          publisher: { '@type': 'Organization', name: 'The Gazette' },
          datePublished: '2019-11-19T10:48:00+00:00',
        },
      ],
    });
    const head = `<script type="application/ld+json">${ld}</script><link rel="canonical" href="/news/committee">`;
    const { meta } = extractHtml(page(head, paragraphs), 'https://example.org/news/committee?utm=1');
    expect(meta).toEqual({
      title: 'Committee agrees to publish',
      author: 'A. Writer, B. Writer',
      publisher: 'The Gazette',
      date: '2019-11-19',
      url: 'https://example.org/news/committee',
    });
  });

  it('drops a short line right after an image as its caption, and keeps a sentence after an image', () => {
    const { text } = extractHtml(
      page(
        '<title>Report</title>',
        `<p>${PROSE[0]}</p><div><img src="a.jpg" alt=""></div><p>RAND personalized learning study</p>
         <p><img src="b.jpg" alt="">${PROSE[1]}</p><p>${PROSE[2]}</p>`,
      ),
      null,
    );
    expect(text.split('\n\n')).toEqual(PROSE);
  });

  it('drops a licence notice block, and keeps a paragraph that mentions a licence in passing', () => {
    expect(
      isLicenceNotice(
        'This document is free; you can redistribute it and/or modify it under the terms of version 2 of the GNU General Public License as published by the Free Software Foundation.',
      ),
    ).toBe(true);
    expect(isLicenceNotice('Copyright © 2005 David Mandelberg')).toBe(true);
    expect(
      isLicenceNotice(
        'The project is licensed under the GPL. Its maintainers meet every spring to plan the next release, and they publish the minutes of each meeting on the project website.',
      ),
    ).toBe(false);
  });

  it('quotes the Debian users-and-groups manual from its first paragraph, never its GPL notice', async () => {
    const fixture = fileURLToPath(new URL('../fixtures/pages/users-and-groups.html', import.meta.url));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'users-and-groups-'));
    try {
      const [outcome] = await addSources([fixture], { dir, dryRun: true, fetch: FETCH_DEFAULTS });
      expect(outcome?.ok).toBe(true);
      const quotable = outcome?.ok ? outcome.quotable.split('\n\n') : [];
      expect(quotable[0]).toMatch(/^The Debian base-passwd package contains the master versions of/);
      expect(
        quotable.filter((paragraph) =>
          /General Public License|WITHOUT ANY WARRANTY|Copyright/i.test(paragraph),
        ),
      ).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('never throws on arbitrary markup', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (html) => {
        expect(typeof extractHtml(html, null).text).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});

describe('furniture by form', () => {
  it.each([
    'Published 10:48, Tue, Nov 19, 2019',
    'Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM',
    'By Jane Doe - 11/18/19 11:04 PM EST',
    'Posted 2 days ago',
    'November 20, 2019 / 1:07 AM',
  ])('knows "%s" as a dateline', (text) => {
    expect(isDateline(text)).toBe(true);
  });

  it.each([
    'The committee met on Nov 19, 2019 to agree the plan for the schools in the district.',
    'By 2019, most schools had laptops.',
  ])('does not mistake the sentence "%s" for a dateline', (text) => {
    expect(isDateline(text)).toBe(false);
  });

  it.each(['12', 'Page 3', '3 of 10', '- 4 -', 'iv'])('knows "%s" as a page number', (text) => {
    expect(isPageNumber(text)).toBe(true);
  });

  it('joins a word hyphenated at a line end, and keeps a hyphen before a capital or a number', () => {
    expect(joinLines('the research-', 'ers found')).toBe('the researchers found');
    expect(joinLines('the Franco-', 'Prussian war')).toBe('the Franco-Prussian war');
    expect(joinLines('in 2015-', '2017 the')).toBe('in 2015-2017 the');
  });
});
