import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import type { AnswerModel } from '../../src/search/answer-model.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** Puts the question's focus ("how old…", without the story's words) close to the man's age, the rest apart. */
const embedded: string[] = [];
const encoder = fakeEncoder((text) => {
  embedded.push(text);
  return /aged 43/.test(text) || (/^How old/.test(text) && !/duvet/.test(text)) ? [1, 0] : [0, 1];
});

/** An answer model ordering by one cosine alone, every answer sure. */
function orderingBy(feature: 'cosine' | 'focusCosine'): AnswerModel {
  return answerModelWith({ orderBy: feature, bias: 5, sure: 0.5, close: 0.1 });
}

const STORY = documentOf('duvet-lung', [
  'A British man fell ill with feather duvet lung.',
  'Doctors traced the feather duvet lung to his new bedding.',
  'The man, aged 43, had bought a feather duvet in the spring.',
  'He recovered once the duvet was gone.',
]);
const QUESTION = 'How old was the man who got feather duvet lung?';

describe("the question's focus", () => {
  it('is embedded beside the question, without the words that name the story', () => {
    embedded.length = 0;
    createEngine([STORY], { meaning: encoder, answerModel: orderingBy('focusCosine') }).answer(QUESTION);
    expect(embedded).toContain(QUESTION);
    expect(embedded).toContain('How old was the who got');
  });

  it('lets the answer model choose the sentence that holds the detail asked about', () => {
    const byFocus = createEngine([STORY], { meaning: encoder, answerModel: orderingBy('focusCosine') });
    expect(byFocus.answer(QUESTION).excerpts[0]?.quote).toContain('aged 43');
    const byQuestion = createEngine([STORY], { meaning: encoder, answerModel: orderingBy('cosine') });
    expect(byQuestion.answer(QUESTION).excerpts[0]?.quote).not.toContain('aged 43');
  });
});
