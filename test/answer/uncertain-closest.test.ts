import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import type { AnswerModel } from '../../src/search/answer-model.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** Puts the question close to the tunnel and the ferries in meaning, the bridge further away. */
const encoder = fakeEncoder((text) => {
  if (/tunnel/.test(text)) return [0.95, 0.31];
  if (/Ferries/.test(text)) return [0.9, 0.44];
  return /\?$/.test(text) ? [1, 0] : [0.5, 0.87];
});

/** An answer model ordering by meaning alone, as sure of every answer as `bias` says. */
function byMeaning(bias: number): AnswerModel {
  return answerModelWith({ orderBy: 'cosine', bias, sure: 0.9, close: 0.1 });
}

const SOURCES = [
  documentOf('bridge', ['The harbour bridge opened to traffic on 19 March 1932, after the bridge works.']),
  documentOf('tunnel', ['A tunnel under the harbour took its first cars in 1992.']),
  documentOf('ferries', ['Ferries still cross the harbour every day.']),
];
const QUESTION = 'When did the harbour bridge open to traffic?';

describe('an uncertain answer', () => {
  it("shows the answer model's three closest passages, though the words alone rank two far below", () => {
    const answer = createEngine(SOURCES, { meaning: encoder, answerModel: byMeaning(0) }).answer(QUESTION);
    expect(answer.status).toBe('uncertain');
    expect(answer.excerpts.map((excerpt) => excerpt.source.id)).toEqual(['tunnel', 'ferries', 'bridge']);
  });

  it('while a sure answer keeps to the passages the words rank close to the best', () => {
    const answer = createEngine(SOURCES, { meaning: encoder, answerModel: byMeaning(5) }).answer(QUESTION);
    expect(answer.status).toBe('answered');
    expect(answer.excerpts.map((excerpt) => excerpt.source.id)).toEqual(['tunnel']);
  });
});
