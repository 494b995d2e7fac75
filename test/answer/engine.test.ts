import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, createEngine } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { SEED_KNOWLEDGE_DIR, seedEngine } from '../helpers/seed-engine.js';

describe('answer', () => {
  it('quotes the sentences that answer, with the citation of their source', async () => {
    const answer = (await seedEngine()).answer('what did RAND find for reading?');
    expect(answer.answered).toBe(true);
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

  it('says the sources do not cover an off-topic question, quoting nothing and naming what they cover', async () => {
    const answer = (await seedEngine()).answer("What's the weather tomorrow?");
    expect(answer).toMatchObject({ answered: false, status: 'not_covered', excerpts: [] });
    expect(answer.message).toBe(ANSWER_MESSAGES.notCoveredWithTopics);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('never answers from boilerplate: the newsletter sign-up is not covered', async () => {
    const answer = (await seedEngine()).answer('How do I sign up for the newsletter?');
    expect(answer).toMatchObject({ answered: false, status: 'not_covered', excerpts: [] });
  });

  it('gives usage help for an empty question and for one made only of stop words', async () => {
    const engine = await seedEngine();
    expect(engine.answer('   ')).toMatchObject({ status: 'needs_question', message: ANSWER_MESSAGES.usage });
    expect(engine.answer('the of and what')).toMatchObject({
      status: 'needs_question',
      message: ANSWER_MESSAGES.noSearchableWords,
    });
  });

  it('cuts a question over 1,000 characters and says so', async () => {
    const answer = (await seedEngine()).answer(`what did RAND find for reading? ${'x '.repeat(2500)}`);
    expect(answer.question.length).toBe(1000);
    expect(answer.note).toBe(ANSWER_MESSAGES.trimmed(1000));
  });

  it('gives at most three excerpts by default, and the number asked for otherwise', async () => {
    expect((await seedEngine()).answer('personalized learning results').excerpts.length).toBeLessThanOrEqual(
      3,
    );
    const one = await seedEngine({ maxExcerpts: 1 });
    expect(one.answer('personalized learning results').excerpts.length).toBeLessThanOrEqual(1);
  });

  it('cites an untitled source by its publisher', async () => {
    const answer = (await seedEngine()).answer('How many students were in the study?');
    const hechinger = answer.excerpts.find(
      (excerpt) => excerpt.source.id === 'hechinger-rand-personalized-learning',
    );
    expect(hechinger?.source).toMatchObject({
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

  it('quotes only exact slices of article text, and cites their source, for any question', async () => {
    const { documents } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
    const engine = createEngine(documents);
    const byId = new Map(documents.map((document) => [document.meta.id, document]));
    const corpusWords = [...new Set(documents.flatMap((document) => document.body.split(/\s+/)))].slice(
      0,
      2000,
    );
    const question = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(fc.oneof(fc.constantFrom(...corpusWords), fc.string({ maxLength: 12 })), { maxLength: 12 })
        .map((words) => words.join(' ')),
    );
    fc.assert(
      fc.property(question, (text) => {
        const answer = engine.answer(text);
        const spans: Array<[string, number, number]> = [];
        for (const excerpt of answer.excerpts) {
          const document = byId.get(excerpt.source.id);
          expect(document).toBeDefined();
          expect(excerpt.quote).toBe(document?.body.slice(excerpt.location.start, excerpt.location.end));
          const paragraph = document?.paragraphs.find((p) => p.number === excerpt.location.paragraph);
          expect(paragraph?.boilerplate).toBeNull();
          expect(excerpt.location.start).toBeGreaterThanOrEqual(paragraph?.start ?? -1);
          expect(excerpt.location.end).toBeLessThanOrEqual(paragraph?.end ?? -1);
          expect(excerpt.quote.length).toBeLessThanOrEqual(500);
          for (const [id, start, end] of spans) {
            if (id === excerpt.source.id)
              expect(excerpt.location.start >= end || excerpt.location.end <= start).toBe(true);
          }
          spans.push([excerpt.source.id, excerpt.location.start, excerpt.location.end]);
        }
        expect(answer.answered).toBe(answer.excerpts.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
