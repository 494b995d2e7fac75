import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import {
  CANDIDATE_FEATURES,
  CONFIDENCE_FEATURES,
  confidenceFeatures,
} from '../../src/search/answer-model.js';
import { createSentenceEncoder, type SentenceEncoder } from '../../src/search/sentence-encoder.js';
import { fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
// The shipped sentence encoder and fitted weights, as the bot runs them.
const encoder = createSentenceEncoder() as SentenceEncoder;
afterAll(() => encoder.close());

async function engines(folder: string): Promise<{ checked: Engine; coverageOnly: Engine }> {
  const { documents } = await loadKnowledge(path.join(FIXTURES, folder));
  return {
    checked: createEngine(documents, { meaning: encoder }),
    coverageOnly: createEngine(documents),
  };
}

describe('the answer model with the sentence encoder', () => {
  it('still answers what the sources say', async () => {
    const { checked } = await engines('meaning-kb');
    expect(checked.answer('When did the railway open?').excerpts[0]?.quote).toMatch(/opened in 1836/);
    expect(checked.answer('How many steps does merge sort take?').excerpts[0]?.quote).toMatch(/n log n/);
  }, 60_000);

  it('shows the closest passage for a question in other words that word coverage alone turns away', async () => {
    const { checked, coverageOnly } = await engines('research-kb');
    const question = 'How much better did tutored pupils do in math?';
    expect(coverageOnly.answer(question).excerpts).toEqual([]);
    const answer = checked.answer(question);
    expect(answer.excerpts.map((excerpt) => excerpt.source.id)).toContain('gazette-tutoring-math');
  }, 60_000);

  it('quotes only exact slices of its sources, whatever the question', async () => {
    const { checked } = await engines('research-kb');
    const words = [...new Set(checked.documents.flatMap((document) => document.body.split(/\s+/)))];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 10 })), { maxLength: 12 }),
        (parts) => {
          const answer = checked.answer(parts.join(' '));
          // Excerpts come with a sure answer or an uncertain one, never with "not covered".
          expect(answer.answered || answer.status === 'uncertain').toBe(answer.excerpts.length > 0);
          expect(answer.answered).toBe(answer.status === 'answered');
          for (const excerpt of answer.excerpts) {
            const body = checked.documents.find((document) => document.meta.id === excerpt.source.id)?.body;
            expect(body?.slice(excerpt.location.start, excerpt.location.end)).toBe(excerpt.quote);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('ordering the best sentences', () => {
  /** Texts naming the mayor point one way, with the question; the rest point the other. */
  const mayorEncoder = fakeEncoder((text) => (/mayor|when/i.test(text) ? [1, 0] : [0.6, 0.8]));
  const documents = [
    documentOf('school-history', [
      'The school opened in 1985, a report says.',
      'The school opened in 1990, the mayor says.',
    ]),
  ];

  it('puts the sentence closer in meaning first when the words tie', () => {
    const quotes = (engine: Engine) =>
      engine.answer('When did the school open?').excerpts.map((e) => e.quote);
    expect(quotes(createEngine(documents, { answerModel: null }))[0]).toMatch(/1985/);
    const checked = createEngine(documents, { meaning: mayorEncoder });
    const answer = checked.answer('When did the school open?');
    expect(answer.excerpts[0]?.quote).toMatch(/1990, the mayor says/);
  });
});

describe('how sure the model is of its best candidate', () => {
  const withCosine = (cosine: number) =>
    Float64Array.from(CANDIDATE_FEATURES, (name) => (name === 'cosine' ? cosine : 0));
  const candidates = [0, 1, 2].map((group) => ({ hit: { group } as never, score: 0 }));
  const lead = (cosines: number[], order: number[]) =>
    confidenceFeatures(order, [0, 0, 0], cosines.map(withCosine), candidates)[
      CONFIDENCE_FEATURES.indexOf('cosineLead')
    ];

  it("weighs how far the best candidate's meaning is ahead of the others'", () => {
    expect(lead([0.8, 0.5, 0.6], [0, 1, 2])).toBeCloseTo(0.2);
    expect(lead([0.5, 0.8, 0.6], [0, 1, 2])).toBeCloseTo(-0.3);
  });
});

describe('embedding the sources ahead of questions', () => {
  const documents = [
    documentOf('reading-study', [
      'Reading scores rose in the second year.',
      'Teachers planned lessons together.',
    ]),
    documentOf('math-study', ['Math gains were largest in the lower grades.']),
  ];

  it('hands the encoder every sentence it may quote, exactly as it will ask about it', async () => {
    const prefetched: string[] = [];
    const recording: SentenceEncoder = {
      embed: (texts) => texts.map(() => Float32Array.from([1, 0])),
      prepare() {},
      async prefetch(texts) {
        prefetched.push(...texts);
        return texts.length;
      },
      close() {},
    };
    expect(await createEngine(documents, { meaning: recording }).prefetchMeaning()).toBe(3);
    expect([...prefetched].sort()).toEqual([
      'Math gains were largest in the lower grades.',
      'Reading scores rose in the second year.',
      'Teachers planned lessons together.',
    ]);
  });

  it('has nothing to embed without the meaning check', async () => {
    expect(await createEngine(documents).prefetchMeaning()).toBe(0);
  });
});
