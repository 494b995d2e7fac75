import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, type Answer, createEngine } from '../../src/answer/index.js';
import type { KnowledgeDocument } from '../../src/knowledge/index.js';
import { seedEngine } from '../helpers/seed-engine.js';

const HECHINGER_ID = 'hechinger-rand-personalized-learning';

/** Questions of every kind the seed articles answer, for the limits every answer keeps. */
const SEED_QUESTIONS = [
  'what did RAND find for reading?',
  'Who funded the study?',
  'What challenges did teachers report?',
  'How many students were in the study?',
  'What is personalized learning?',
  'Summit Learning Program',
  'math scores percentile points',
];

function expectNoOverlap(answer: Answer): void {
  const spans = answer.excerpts
    .map((excerpt) => ({ id: excerpt.source.id, ...excerpt.location }))
    .sort((a, b) => a.id.localeCompare(b.id) || a.start - b.start);
  for (let at = 1; at < spans.length; at++) {
    const previous = spans[at - 1];
    const current = spans[at];
    if (previous && current && previous.id === current.id) {
      expect(current.start).toBeGreaterThanOrEqual(previous.end);
    }
  }
}

/**
 * Each quote is the exact slice its location names, inside the article paragraphs it cites: one,
 * or consecutive ones from `paragraph` to `lastParagraph` (never boilerplate).
 */
function expectVerbatimContent(answer: Answer, documents: readonly KnowledgeDocument[]): void {
  for (const excerpt of answer.excerpts) {
    const document = documents.find((candidate) => candidate.meta.id === excerpt.source.id);
    expect(document).toBeDefined();
    if (!document) continue;
    const { start, end, paragraph, lastParagraph = paragraph } = excerpt.location;
    expect(excerpt.quote).toBe(document.body.slice(start, end));
    const first = document.paragraphs.find((candidate) => candidate.readerNumber === paragraph);
    const last = document.paragraphs.find((candidate) => candidate.readerNumber === lastParagraph);
    expect(first, `quote "${excerpt.quote}" starts inside its first paragraph`).toBeDefined();
    expect(start).toBeGreaterThanOrEqual(first?.start ?? Number.POSITIVE_INFINITY);
    expect(end).toBeLessThanOrEqual(last?.end ?? Number.NEGATIVE_INFINITY);
    const spanned = document.paragraphs.filter((candidate) => candidate.start < end && candidate.end > start);
    expect(spanned.every((candidate) => candidate.boilerplate === null)).toBe(true);
    expect(excerpt.quote.length).toBeLessThanOrEqual(500);
  }
}

describe('answer', () => {
  it('quotes the sentences that answer, with the citation of their source', async () => {
    const answer = (await seedEngine()).answer('what did RAND find for reading?');
    expect(answer.answered).toBe(true);
    expect(answer.status).toBe('answered');
    const first = answer.excerpts[0];
    expect(first?.quote).toMatch(/Reading showed a similar positive trend|gains in mathematics and reading/);
    expect(['The 74', 'The Hechinger Report']).toContain(first?.source.publisher);
  });

  it('quotes the sentence, not the whole paragraph', async () => {
    const engine = await seedEngine();
    const answer = engine.answer('How many students were in the study?');
    const first = answer.excerpts[0];
    const document = engine.documents.find((doc) => doc.meta.id === first?.source.id);
    const paragraph = document?.paragraphs.find((p) => p.number === first?.location.paragraph);
    expect(first?.quote).toContain('11,000 students');
    expect(first?.quote.length).toBeLessThan((paragraph?.end ?? 0) - (paragraph?.start ?? 0));
  });

  it.each([
    ["What's the weather tomorrow?", 'an off-topic question'],
    ['How do I sign up for the newsletter?', 'a question only boilerplate answers'],
  ])(
    'says the sources do not cover %j (%s), quoting nothing and naming what they cover',
    async (question) => {
      const answer = (await seedEngine()).answer(question);
      expect(answer).toMatchObject({ answered: false, status: 'not_covered', excerpts: [] });
      expect(answer.message).toBe(ANSWER_MESSAGES.notCoveredWithTopics);
      expect(answer.suggestions.length).toBeGreaterThan(0);
    },
  );

  it.each(['', '   '])('asks for a question when given %j', async (question) => {
    const answer = (await seedEngine()).answer(question);
    expect(answer).toMatchObject({
      answered: false,
      status: 'needs_question',
      message: ANSWER_MESSAGES.usage,
    });
  });

  it('says there is nothing to search for when the question holds only stop words', async () => {
    const answer = (await seedEngine()).answer('the of and what');
    expect(answer).toMatchObject({ status: 'needs_question', message: ANSWER_MESSAGES.noSearchableWords });
  });

  it('cuts a 5,000-character question to 1,000 characters and says so', async () => {
    const question = `what did RAND find for reading? ${'reading '.repeat(625)}`.slice(0, 5000);
    expect(question.length).toBe(5000);
    const answer = (await seedEngine()).answer(question);
    expect(answer.question.length).toBe(1000);
    expect(answer.note).toBe(ANSWER_MESSAGES.trimmed(1000));
  });

  it('cuts a long question without splitting a character in two', async () => {
    const answer = (await seedEngine()).answer(`${'a'.repeat(999)}😀 reading`);
    expect(answer.question).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('gives at most three excerpts by default, and at most maxExcerpts when set', async () => {
    const engine = await seedEngine();
    const single = createEngine(engine.documents, { maxExcerpts: 1 });
    for (const question of SEED_QUESTIONS) {
      expect(engine.answer(question).excerpts.length).toBeLessThanOrEqual(3);
      expect(single.answer(question).excerpts.length).toBeLessThanOrEqual(1);
    }
  });

  it('cites the untitled Hechinger article by a stand-in title and no url', async () => {
    const engine = await seedEngine();
    const questions = [
      'How many students were in the study?',
      'What does personalized learning mean?',
      'How many students in 62 districts?',
      'RAND study of 11,000 students',
      'what did RAND find for reading?',
    ];
    const excerpt = questions
      .flatMap((question) => engine.answer(question).excerpts)
      .find((candidate) => candidate.source.id === HECHINGER_ID);
    expect(excerpt, 'some question is answered from the Hechinger article').toBeDefined();
    expect(excerpt?.source).toMatchObject({
      title: 'Untitled article, The Hechinger Report',
      untitled: true,
      url: null,
    });
  });

  it('corrects misspelled words with the index vocabulary', async () => {
    const answer = (await seedEngine()).answer('personalzied learning readng scores');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts.some((excerpt) => /reading/i.test(excerpt.quote))).toBe(true);
  });

  it('never throws, and quotes only article text verbatim, within 500 characters and never overlapping, whatever the question', async () => {
    const engine = await seedEngine();
    for (const question of SEED_QUESTIONS) {
      const answer = engine.answer(question);
      expect(answer.excerpts.length).toBeGreaterThan(0);
      expectVerbatimContent(answer, engine.documents);
      expectNoOverlap(answer);
    }
    const corpusWords = Array.from(
      new Set(engine.documents.flatMap((document) => document.body.split(/\s+/).filter(Boolean))),
    );
    const question = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc
        .array(fc.oneof(fc.constantFrom(...corpusWords), fc.string({ maxLength: 12 })), { maxLength: 15 })
        .map((parts) => parts.join(' ')),
    );
    fc.assert(
      fc.property(question, (text) => {
        const answer = engine.answer(text);
        expectVerbatimContent(answer, engine.documents);
        expectNoOverlap(answer);
        expect(answer.answered).toBe(answer.excerpts.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
