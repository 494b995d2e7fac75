import { describe, expect, it } from 'vitest';
import {
  type KnowledgeDocument,
  loadKnowledge,
  type Paragraph,
  segmentBody,
} from '../../src/knowledge/index.js';
import { classify, PROSE } from '../helpers/article-prose.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

function textOf(body: string, range: { start: number; end: number }): string {
  return body.slice(range.start, range.end);
}

/** The article prose with `extra` as a paragraph after it; returns the extra paragraph. */
function classifyExtra(extra: string): Paragraph {
  const body = `${PROSE.join('\n\n')}\n\n${extra}\n`;
  const paragraphs = classify(body);
  for (const paragraph of paragraphs.slice(0, PROSE.length)) expect(paragraph.boilerplate).toBeNull();
  expect(paragraphs).toHaveLength(PROSE.length + 1);
  return paragraphs[PROSE.length] as Paragraph;
}

describe('segmentBody', () => {
  it('gives exact, trimmed offsets for paragraphs and sentences', () => {
    const body = '\n  First sentence here.  Second one follows.  \n\n\tThird paragraph.\t\n';
    const paragraphs = segmentBody(body);
    expect(paragraphs.map((paragraph) => textOf(body, paragraph))).toEqual([
      'First sentence here.  Second one follows.',
      'Third paragraph.',
    ]);
    expect(paragraphs[0]?.sentences.map((sentence) => textOf(body, sentence))).toEqual([
      'First sentence here.',
      'Second one follows.',
    ]);
    for (const paragraph of paragraphs) {
      for (const range of [paragraph, ...paragraph.sentences]) {
        const text = textOf(body, range);
        expect(text).toBe(text.trim());
      }
    }
    expect(paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2]);
  });

  it('splits paragraphs on blank lines and on lines holding only non-breaking spaces', () => {
    const body = 'One.\n\nTwo.\n\u00a0\nThree.\n \u00a0 \nFour.';
    expect(segmentBody(body).map((paragraph) => textOf(body, paragraph))).toEqual([
      'One.',
      'Two.',
      'Three.',
      'Four.',
    ]);
  });

  it('makes each line of a multi-line paragraph its own sentence', () => {
    const body = 'Photo caption without a stop\nDateline line\nA sentence that ends.';
    const [paragraph] = segmentBody(body);
    expect(paragraph?.sentences.map((sentence) => textOf(body, sentence))).toEqual([
      'Photo caption without a stop',
      'Dateline line',
      'A sentence that ends.',
    ]);
  });

  it('keeps "a new RAND Corp. study of 40 schools" in one sentence, and ends it at its full stop', () => {
    const first = 'Results come from a new RAND Corp. study of 40 schools that used personalized learning.';
    const body = `${first} It was released today.`;
    const [paragraph] = segmentBody(body);
    expect(paragraph?.sentences.map((sentence) => textOf(body, sentence))).toEqual([
      first,
      'It was released today.',
    ]);
  });

  it('does not end a sentence at a title, an initial or "U.S." before a capital', () => {
    const sentences = [
      'Tymnet was not named after Mr. Tyme.',
      'Police arrested Elizabeth A. Burton, 32, on Tuesday.',
      'He lives near the U.S. Army base in St. Louis.',
      'He moved to the U.S.',
      'Then he left for good.',
    ];
    const body = sentences.join(' ');
    const [paragraph] = segmentBody(body);
    expect(paragraph?.sentences.map((sentence) => textOf(body, sentence))).toEqual(sentences);
  });

  it('still ends a sentence at a lower-case word and a full stop, and splits Japanese as before', () => {
    const body =
      'It saves several tons of mass.  Hibernation would take place in flight.\n\n東京は大きい。大阪も大きい。';
    const [english, japanese] = segmentBody(body);
    expect(english?.sentences.map((sentence) => textOf(body, sentence))).toEqual([
      'It saves several tons of mass.',
      'Hibernation would take place in flight.',
    ]);
    expect(japanese?.sentences.map((sentence) => textOf(body, sentence))).toEqual([
      '東京は大きい。',
      '大阪も大きい。',
    ]);
  });
});

describe('markBoilerplate', () => {
  it.each([
    [
      'a sign-up sentence',
      'Sign up for our weekly newsletter to get stories like this delivered to your inbox.',
    ],
    ['a donation appeal', 'Please make a donation today so that our journalism stays free for everyone.'],
    ['a comment form', 'Your email address will not be published. Required fields are marked *'],
    [
      'an appeal to join the funders',
      'If you are interested in joining our funders, please consider a donation, here.',
    ],
    ['"top of page"', 'top of page'],
    ['"bottom of page"', 'bottom of page'],
    ['a view and comment counter', '4 views0 comments'],
  ])('drops %s', (_case, text) => {
    expect(classifyExtra(text).boilerplate).not.toBeNull();
  });

  it.each([
    ['a social prompt', 'Follow us on Twitter and Facebook for more stories like this.'],
    ['a subscribe prompt', 'Subscribe to our podcast wherever you listen.'],
  ])('drops %s', (_case, text) => {
    expect(classifyExtra(text).boilerplate).not.toBeNull();
  });

  it.each([
    [
      'news about a post on social media',
      'Then, last week, the singer posted on Twitter accusing the label of blocking her.',
    ],
    [
      'news about subscriptions',
      'If you sign up for the bundle, you pay $12.99 a month instead of subscribing to each service.',
    ],
    [
      'a company supporting its own goals',
      'Areas that do not directly support our core business goals will see job cuts, he said.',
    ],
  ])('keeps %s: the rules name prompts to the reader, not the words they use', (_case, text) => {
    expect(classifyExtra(text).boilerplate).toBeNull();
  });

  it.each([
    [
      'a GPL notice',
      'This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation.',
    ],
    [
      'a warranty disclaimer',
      'This document is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY.',
    ],
    ['a copyright line', 'Copyright © 2001-2022 Colin Watson'],
    ['a permission notice', 'Permission is granted to copy, distribute and/or modify this document.'],
    [
      'a Creative Commons notice',
      'This article is licensed under a Creative Commons Attribution 4.0 License.',
    ],
  ])('drops %s as a licence notice', (_case, text) => {
    expect(classifyExtra(text).boilerplate).toBe('licence or copyright notice');
  });

  it.each([
    [
      'news about a licence',
      'The city council voted to revoke the license of the bar after a string of complaints from neighbours.',
    ],
    [
      'news about free software',
      'The district moved its laptops to free software last year, saving about $2 million in fees.',
    ],
  ])('keeps %s: an article that mentions a licence is not a licence notice', (_case, text) => {
    expect(classifyExtra(text).boilerplate).toBeNull();
  });

  it('drops an image caption line right above the first paragraph of prose', () => {
    const body = ['RAND personalized learning study', ...PROSE].join('\n\n');
    expect(classify(body).map((paragraph) => paragraph.boilerplate)).toEqual([
      'title or caption above the article',
      null,
      null,
      null,
    ]);
  });

  it('keeps a short title-case line inside the article, and keeps everything when there is no prose', () => {
    const inside = [PROSE[0], 'What the Study Found', PROSE[1], PROSE[2]].join('\n\n');
    expect(classify(inside).map((paragraph) => paragraph.boilerplate)).toEqual([null, null, null, null]);
    const notes = 'Reading list\n\nThe Study of Schools';
    expect(classify(notes).map((paragraph) => paragraph.boilerplate)).toEqual([null, null]);
  });

  it('drops three or more headline-like paragraphs in a row as a navigation list', () => {
    const body = `${PROSE.join('\n\n')}\n\nSchools try new schedules\n\nA district rethinks homework\n\nWhy teachers are leaving the classroom\n`;
    const paragraphs = classify(body);
    expect(paragraphs.slice(0, PROSE.length).map((p) => p.boilerplate)).toEqual([null, null, null]);
    expect(paragraphs.slice(PROSE.length).map((p) => p.boilerplate)).toEqual([
      'navigation or headline list',
      'navigation or headline list',
      'navigation or headline list',
    ]);
  });

  it('drops a small ad cut off from the article by a list of headlines', () => {
    const headlines = [
      'New Rankings Show the Most Educated Cities',
      'Five Things to Know About the Budget',
      'State Leaders Pivot After Outcry',
      'This Week in Education Policy',
    ];
    const ad = 'Mentors.net was founded in 1995 as a professional development resource for new teachers.';
    const body = [...PROSE, ...headlines, ad].join('\n\n');
    const kept = classify(body).filter((paragraph) => paragraph.boilerplate === null);
    expect(kept.map((paragraph) => textOf(body, paragraph))).toEqual(PROSE);
  });

  it('keeps article prose', () => {
    const body = PROSE.join('\n\n');
    expect(classify(body).map((paragraph) => paragraph.boilerplate)).toEqual([null, null, null]);
  });

  it('drops and keeps paragraphs named in the override by number', () => {
    const body = `${PROSE.join('\n\n')}\n\ntop of page\n`;
    const paragraphs = classify(body, { drop: [2], keep: [4] });
    expect(paragraphs.map((paragraph) => paragraph.boilerplate === null)).toEqual([true, false, true, true]);
  });

  it('drops and keeps paragraphs named in the override by their starting text', () => {
    const body = `${PROSE.join('\n\n')}\n\ntop of page\n`;
    const paragraphs = classify(body, { drop: ['Teachers said'], keep: ['top of'] });
    expect(paragraphs.map((paragraph) => paragraph.boilerplate === null)).toEqual([true, true, false, true]);
  });

  describe('on the seed articles', () => {
    const seeds = loadKnowledge(SEED_KNOWLEDGE_DIR).then(({ documents }) => documents);

    function keptTexts(documents: KnowledgeDocument[]): string[] {
      return documents.flatMap((document) =>
        document.paragraphs
          .filter((paragraph) => paragraph.boilerplate === null)
          .map((paragraph) => textOf(document.body, paragraph)),
      );
    }

    it.each([
      'Sign up',
      'newsletter',
      'donation',
      'Your email address',
      'Click HERE',
      'Reply to This',
      'Mentors.net',
    ])('keeps no paragraph containing %j', async (phrase) => {
      const kept = keptTexts(await seeds);
      expect(kept.filter((text) => text.includes(phrase))).toEqual([]);
    });

    it('keeps no paragraph that is only the Hechinger image caption', async () => {
      expect(keptTexts(await seeds)).not.toContain('RAND personalized learning study');
    });

    it.each(['Reading showed a similar positive trend', '31 charters'])(
      'keeps the paragraph with %j',
      async (phrase) => {
        const documents = await seeds;
        const all = documents.flatMap((document) =>
          document.paragraphs.map((paragraph) => ({ paragraph, text: textOf(document.body, paragraph) })),
        );
        const holding = all.filter(({ text }) => text.includes(phrase));
        expect(holding.length).toBeGreaterThan(0);
        for (const { paragraph } of holding) expect(paragraph.boilerplate).toBeNull();
      },
    );
  });
});
