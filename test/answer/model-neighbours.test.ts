import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** Puts the question, the opening and the crowds close together in meaning; the rest apart. */
const encoder = fakeEncoder((text) => {
  if (/1932/.test(text)) return [0.95, 0.31];
  if (/Crowds/.test(text)) return [0.8, 0.6];
  return /\?$/.test(text) ? [1, 0] : [0, 1];
});

/** An answer model ordering by meaning alone, every answer sure. */
const byMeaning = answerModelWith({ orderBy: 'cosine', bias: 5, sure: 0.5, close: 0.1 });

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
