import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { type AnswerModel, CANDIDATE_FEATURES, CONFIDENCE_FEATURES } from '../../src/search/answer-model.js';
import type { SentenceEncoder } from '../../src/search/sentence-encoder.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** Puts the question, the opening and the crowds close together in meaning; the rest apart. */
const encoder: SentenceEncoder = {
  embed: (texts) =>
    texts.map((text) => {
      if (/1932/.test(text)) return Float32Array.from([0.95, 0.31]);
      if (/Crowds/.test(text)) return Float32Array.from([0.8, 0.6]);
      return Float32Array.from(/\?$/.test(text) ? [1, 0] : [0, 1]);
    }),
  prepare() {},
  prefetch: async () => 0,
  close() {},
};

/** An answer model ordering by meaning alone, every answer sure. */
const byMeaning: AnswerModel = {
  candidates: 10,
  rank: CANDIDATE_FEATURES.map((name) => (name === 'cosine' ? 10 : 0)),
  confidence: CONFIDENCE_FEATURES.map(() => 0),
  bias: 5,
  sure: 0.5,
  close: 0.1,
  focusShare: 0.5,
};

const BRIDGE = documentOf('harbour-bridge', [
  'The harbour bridge opened to traffic on 19 March 1932.',
  'Crowds lined the harbour shores that day.',
  'Ferries still cross the harbour every day.',
]);

describe("the answer model's two best sentences side by side", () => {
  it('are quoted together, though the words alone rank the second far below', () => {
    const question = 'When did the harbour bridge open to traffic?';
    const [first] = createEngine([BRIDGE], { meaning: encoder, answerModel: byMeaning }).answer(
      question,
    ).excerpts;
    expect(first?.quote).toBe(
      'The harbour bridge opened to traffic on 19 March 1932.\n\nCrowds lined the harbour shores that day.',
    );
    expect(first?.location).toMatchObject({ paragraph: 1, lastParagraph: 2 });
    const [wordsOnly] = createEngine([BRIDGE]).answer(question).excerpts;
    expect(wordsOnly?.quote).toBe('The harbour bridge opened to traffic on 19 March 1932.');
  });
});
