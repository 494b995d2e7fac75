import { describe, expect, it } from 'vitest';
import { linkToPassage } from '../../src/answer/passage-link.js';
import type { Answer } from '../../src/answer/types.js';
import type { KnowledgeDocument, Paragraph } from '../../src/knowledge/index.js';
import { seedEngine } from '../helpers/seed-engine.js';

/**
 * The article's own paragraphs in order, worked out here without `readerNumber`: those that are
 * not boilerplate and hold a sentence that is not boilerplate either (what the bot may quote).
 */
function articleParagraphs(document: KnowledgeDocument): Paragraph[] {
  return document.paragraphs.filter(
    (paragraph) =>
      paragraph.boilerplate === null && paragraph.sentences.some((sentence) => !sentence.boilerplate),
  );
}

/** Every excerpt cites the position of the paragraph holding its quote among the article's paragraphs. */
function expectReaderNumbers(answer: Answer, documents: readonly KnowledgeDocument[]): void {
  for (const excerpt of answer.excerpts) {
    const document = documents.find((candidate) => candidate.meta.id === excerpt.source.id);
    if (!document) throw new Error(`no document ${excerpt.source.id}`);
    const article = articleParagraphs(document);
    const at = article.findIndex(
      (paragraph) => paragraph.start <= excerpt.location.start && excerpt.location.end <= paragraph.end,
    );
    expect(at, `"${excerpt.quote}" lies in an article paragraph`).toBeGreaterThanOrEqual(0);
    expect(excerpt.location.paragraph, `"${excerpt.quote}" in ${document.meta.id}`).toBe(at + 1);
  }
}

/** The longest quotable sentence of a paragraph, as a question (its first 30 words). */
function questionFrom(document: KnowledgeDocument, paragraph: Paragraph): string {
  const sentences = paragraph.sentences
    .filter((sentence) => !sentence.boilerplate)
    .map((sentence) => document.body.slice(sentence.start, sentence.end))
    .sort((a, b) => b.length - a.length);
  return (sentences[0] ?? '').split(/\s+/).slice(0, 30).join(' ');
}

/** The 74 article's address (the seed copy has none). */
const THE74_URL = 'https://www.the74million.org/article/personalized-learning-boosts-math-scores/';

describe('citations number paragraphs as a reader of the article counts them', () => {
  it('cite the 74’s math-gain finding as its 6th paragraph, not the 33rd of the stored page', async () => {
    const engine = await seedEngine();
    for (const question of ['what did RAND find for reading?', 'How much did students gain in math?']) {
      const answer = engine.answer(question);
      const mathGains = answer.excerpts.find(
        (excerpt) =>
          excerpt.source.id === 'the74-rand-math-scores-scaling' &&
          /gained 3\s+percentile\s+points in mathematics/.test(excerpt.quote),
      );
      expect(mathGains, question).toBeDefined();
      expect(mathGains?.location.paragraph).toBe(6);
      expect(mathGains?.location.page).toBeUndefined();
      // A passage link still lands on the passage: it is built from the quote, not the number.
      expect(linkToPassage(THE74_URL, mathGains?.quote ?? '')).toMatch(
        /^https:\/\/www\.the74million\.org\/article\/personalized-learning-boosts-math-scores\/#:~:text=The%20researchers%20found%20that%20students,/,
      );
      expectReaderNumbers(answer, engine.documents);
    }
  });

  it('for every article paragraph of every seed document, cite its position among the article paragraphs', async () => {
    const engine = await seedEngine();
    let walked = 0;
    for (const document of engine.documents) {
      const article = articleParagraphs(document);
      for (const [at, paragraph] of article.entries()) {
        const answer = engine.answer(questionFrom(document, paragraph), {
          sources: new Set([document.meta.id]),
        });
        expectReaderNumbers(answer, engine.documents);
        const cited = answer.excerpts.find(
          (excerpt) => paragraph.start <= excerpt.location.start && excerpt.location.end <= paragraph.end,
        );
        expect(cited, `${document.meta.id}: article paragraph ${at + 1} is quoted`).toBeDefined();
        expect(cited?.location.paragraph).toBe(at + 1);
        walked++;
      }
    }
    expect(walked).toBe(
      engine.documents.reduce((sum, document) => sum + articleParagraphs(document).length, 0),
    );
    expect(walked).toBeGreaterThan(50);
  });
});
