import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, type Answer, createEngine } from '../../src/answer/index.js';
import type { KnowledgeDocument } from '../../src/knowledge/index.js';
import { seedEngine } from '../helpers/seed-engine.js';

const HECHINGER_ID = 'hechinger-rand-personalized-learning';

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

function expectVerbatimContent(answer: Answer, documents: readonly KnowledgeDocument[]): void {
  for (const excerpt of answer.excerpts) {
    const document = documents.find((candidate) => candidate.meta.id === excerpt.source.id);
    expect(document).toBeDefined();
    if (!document) continue;
    expect(excerpt.quote).toBe(document.body.slice(excerpt.location.start, excerpt.location.end));
    const paragraph = document.paragraphs.find(
      (candidate) => candidate.start <= excerpt.location.start && excerpt.location.end <= candidate.end,
    );
    expect(paragraph, `quote "${excerpt.quote}" lies inside one paragraph`).toBeDefined();
    expect(paragraph?.boilerplate).toBeNull();
  }
}

describe('answer', () => {
  it('answers what RAND found for reading with a quote about reading from The 74 or Hechinger', async () => {
    const engine = await seedEngine();
    const answer = engine.answer('what did RAND find for reading?');
    expect(answer.answered).toBe(true);
    expect(answer.status).toBe('answered');
    const first = answer.excerpts[0];
    expect(first).toBeDefined();
    expect(
      first?.quote.includes('Reading showed a similar positive trend') ||
        first?.quote.includes('gains in mathematics and reading'),
      `first quote: ${first?.quote}`,
    ).toBe(true);
    expect(['The 74', 'The Hechinger Report']).toContain(first?.source.publisher);
  });

  it.each(["What's the weather tomorrow?", 'How do I sign up for the newsletter?'])(
    'abstains on %j and suggests what the sources cover',
    async (question) => {
      const answer = (await seedEngine()).answer(question);
      expect(answer.answered).toBe(false);
      expect(answer.status).toBe('not_covered');
      expect(answer.excerpts).toEqual([]);
      expect(answer.suggestions.length).toBeGreaterThan(0);
    },
  );

  it.each(['', '   '])('asks for a question when given %j', async (question) => {
    const answer = (await seedEngine()).answer(question);
    expect(answer.status).toBe('needs_question');
    expect(answer.answered).toBe(false);
    expect(answer.message).toBe(ANSWER_MESSAGES.usage);
  });

  it('says there is nothing to search for when the question holds only stop words', async () => {
    const answer = (await seedEngine()).answer('the of and what');
    expect(answer.status).toBe('needs_question');
    expect(answer.message).toBe(ANSWER_MESSAGES.noSearchableWords);
  });

  it('cuts a 5,000-character question to 1,000 characters and says so', async () => {
    const question = 'reading '.repeat(625);
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
    const questions = [
      'what did RAND find for reading?',
      'Who funded the study?',
      'What challenges did teachers report?',
      'math scores percentile points',
    ];
    for (const question of questions) {
      expect(engine.answer(question).excerpts.length).toBeLessThanOrEqual(3);
    }
    const single = createEngine(engine.documents, { maxExcerpts: 1 });
    for (const question of questions) {
      expect(single.answer(question).excerpts.length).toBeLessThanOrEqual(1);
    }
  });

  it('keeps every quote within 500 characters and never overlaps two excerpts of one answer', async () => {
    const engine = await seedEngine();
    for (const question of [
      'what did RAND find for reading?',
      'Who funded the study?',
      'What challenges did teachers report?',
      'How many students were in the study?',
      'What is personalized learning?',
      'Summit Learning Program',
    ]) {
      const answer = engine.answer(question);
      for (const excerpt of answer.excerpts) expect(excerpt.quote.length).toBeLessThanOrEqual(500);
      expectNoOverlap(answer);
    }
  });

  it('cites the untitled Hechinger article by a stand-in title and no url', async () => {
    const engine = await seedEngine();
    const questions = [
      'What does personalized learning mean?',
      'How many students in 62 districts?',
      'RAND study of 11,000 students',
      'what did RAND find for reading?',
    ];
    const excerpt = questions
      .flatMap((question) => engine.answer(question).excerpts)
      .find((candidate) => candidate.source.id === HECHINGER_ID);
    expect(excerpt, 'some question is answered from the Hechinger article').toBeDefined();
    expect(excerpt?.source.title).toBe('Untitled article, The Hechinger Report');
    expect(excerpt?.source.untitled).toBe(true);
    expect(excerpt?.source.url).toBeNull();
  });

  it('never throws and only quotes verbatim article text, whatever the question', async () => {
    const engine = await seedEngine();
    const corpusWords = Array.from(
      new Set(engine.documents.flatMap((document) => document.body.split(/\s+/).filter(Boolean))),
    );
    const question = fc.oneof(
      fc.string(),
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
      }),
      { numRuns: 150 },
    );
  });
});
