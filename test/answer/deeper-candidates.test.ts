import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { type AnswerModel, CANDIDATE_FEATURES } from '../../src/search/answer-model.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

const question = 'How did the tutoring program change math scores?';
/** The first stage's order: the sentences holding more of the question's words come first. */
const sources = [
  documentOf('tutoring-report', [
    'The tutoring program changed how math scores were reported in the first district.',
    'The tutoring program changed when math scores were published in the second district.',
    'The tutoring program changed which math tests counted in the third district.',
    'Scores rose by ten points after tutoring.',
  ]),
];
const answer = 'Scores rose by ten points after tutoring.';
/** The question and the answering sentence point the same way; the others elsewhere. */
const meaning = fakeEncoder((text) => (text.startsWith('How did') || text === answer ? [1, 0] : [0.6, 0.8]));

/** Orders by cosine over the first stage's best two, and `deeper` of its next hits. */
function modelWith(deeper: number): AnswerModel {
  return { ...answerModelWith({ orderBy: 'cosine', bias: 5, sure: 0.5, close: 0.2 }), candidates: 2, deeper };
}

describe("the first stage's deeper hits", () => {
  it('ranks the answering sentence below its best two, so without them the answer misses it', () => {
    const engine = createEngine(sources, { meaning, answerModel: modelWith(0), newSentenceBudget: 10 });
    expect(engine.answer(question).excerpts[0]?.quote).not.toContain(answer);
  });

  it('let the one closest to the question in meaning join the candidates and come first', () => {
    const engine = createEngine(sources, { meaning, answerModel: modelWith(1), newSentenceBudget: 10 });
    expect(engine.answer(question).excerpts[0]?.quote).toContain(answer);
  });

  it('join only when their vectors are at hand, so a question embeds no more sentences for them', () => {
    const embedded: string[] = [];
    const counting = fakeEncoder((text) => {
      embedded.push(text);
      return text.startsWith('How did') || text === answer ? [1, 0] : [0.6, 0.8];
    });
    const engine = createEngine(sources, {
      meaning: counting,
      answerModel: modelWith(1),
      newSentenceBudget: 2,
    });
    expect(engine.answer(question).excerpts[0]?.quote).not.toContain(answer);
    expect(embedded).not.toContain(answer);
  });
});

describe('a sentence that asks', () => {
  const asks = CANDIDATE_FEATURES.indexOf('asks');
  const engine = createEngine(
    [
      documentOf('tutoring-questions', [
        'Did the tutoring program raise math scores?',
        'The tutoring program raised math scores by ten points.',
        'Parents asked: “Will the tutoring program raise math scores?”',
      ]),
    ],
    { meaning, answerModel: answerModelWith({ bias: 0, sure: 0.5, close: 0.2 }), newSentenceBudget: 10 },
  );

  it('is told from one that states, the question mark before closing quotes too', () => {
    const analysis = engine.analyze(question);
    const asked = new Map(
      analysis?.scored
        .filter((candidate) => candidate.features.length > 0)
        .map((candidate) => [candidate.hit.sentence, candidate.features[asks]]),
    );
    expect([...asked.entries()].sort(([a], [b]) => a - b).map(([, value]) => value)).toEqual([1, 0, 1]);
  });
});
