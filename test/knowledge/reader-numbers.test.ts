import { describe, expect, it } from 'vitest';
import { loadKnowledge, type Paragraph } from '../../src/knowledge/index.js';
import { classify, PROSE } from '../helpers/article-prose.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const HEADLINES = [
  'Schools try new schedules',
  'A district rethinks homework',
  'Why teachers are leaving the classroom',
];

/** Per paragraph: [number in the file, number a reader counts]. */
function numbers(paragraphs: Paragraph[]): Array<[number, number | null]> {
  return paragraphs.map((paragraph) => [paragraph.number, paragraph.readerNumber]);
}

describe('paragraph numbers as a reader counts them', () => {
  it('count the article paragraphs only: headlines of other stories before the article are not counted', () => {
    const paragraphs = classify(`${[...HEADLINES, ...PROSE].join('\n\n')}\n`);
    expect(paragraphs.map((paragraph) => paragraph.boilerplate !== null)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(numbers(paragraphs)).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 1],
      [5, 2],
      [6, 3],
    ]);
  });

  it('are not changed by a boilerplate sentence inside an article paragraph', () => {
    const withSignUp = `${PROSE[0]}\n\n${PROSE[1]} ${PROSE[2]} Sign up for our newsletter.\n\n${PROSE[2]}\n`;
    const paragraphs = classify(withSignUp);
    expect(paragraphs[1]?.boilerplate).toBeNull();
    expect(paragraphs[1]?.sentences.map((sentence) => sentence.boilerplate)).toEqual([false, false, true]);
    expect(numbers(paragraphs)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('skip a paragraph dropped between article paragraphs, which keeps its number in the file', () => {
    const body = `${PROSE[0]}\n\nSign up for our weekly newsletter to get stories like this delivered to your inbox.\n\n${PROSE[1]}\n\n${PROSE[2]}\n`;
    expect(numbers(classify(body))).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
      [4, 3],
    ]);
  });

  it('follow the front matter override, whose numbers keep meaning positions in the file', () => {
    const body = `${[...HEADLINES, ...PROSE].join('\n\n')}\n`;
    // Paragraph 5 of the file (the article's 2nd) dropped, paragraph 3 (a headline) kept.
    const paragraphs = classify(body, { drop: [5], keep: [3] });
    expect(paragraphs[4]?.boilerplate).toBe('override: drop');
    expect(paragraphs[2]?.boilerplate).toBeNull();
    expect(numbers(paragraphs)).toEqual([
      [1, null],
      [2, null],
      [3, 1],
      [4, 2],
      [5, null],
      [6, 3],
    ]);
  });

  it('in every seed document, are 1, 2, 3… over exactly the paragraphs that may be quoted, in order', async () => {
    const { documents, problems } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) {
      let position = 0;
      for (const paragraph of document.paragraphs) {
        const quotable =
          paragraph.boilerplate === null && paragraph.sentences.some((sentence) => !sentence.boilerplate);
        if (quotable) position++;
        expect(paragraph.readerNumber, `${document.meta.id} paragraph #${paragraph.number}`).toBe(
          quotable ? position : null,
        );
      }
      expect(position, `${document.meta.id} has article paragraphs`).toBeGreaterThan(0);
    }
  });

  it('number the 74 article as its readers see it: 16 paragraphs after 27 of page furniture', async () => {
    const { documents } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    const the74 = documents.find((document) => document.meta.id === 'the74-rand-math-scores-scaling');
    expect(the74).toBeDefined();
    const paragraphs = the74?.paragraphs ?? [];
    expect(paragraphs.filter((paragraph) => paragraph.readerNumber !== null)).toHaveLength(16);
    const mathGains = paragraphs.find((paragraph) =>
      the74?.body
        .slice(paragraph.start, paragraph.end)
        .startsWith('The researchers found that students engaged in the personalized model gained 3'),
    );
    expect(mathGains?.number).toBe(33);
    expect(mathGains?.readerNumber).toBe(6);
  });
});
