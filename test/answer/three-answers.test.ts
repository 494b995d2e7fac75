import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, createEngine } from '../../src/answer/index.js';
import { type AnswerModel, parseAnswerModel } from '../../src/search/answer-model.js';
import type { SentenceEncoder } from '../../src/search/sentence-encoder.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** Every text points the same way: each cosine is 1. */
const sameMeaning = fakeEncoder(() => [1, 0]);

/** A model whose confidence is always one half (no weights, no bias), with the given thresholds. */
function modelWith(sure: number, close: number): AnswerModel {
  return answerModelWith({ bias: 0, sure, close });
}

const documents = [
  documentOf('tutoring-study', [
    'The tutoring program raised math scores by ten points.',
    'Teachers met every week to plan lessons.',
  ]),
];
const question = 'How much did tutoring raise math scores?';

describe('three honest answers', () => {
  it('answers confidently when the confidence reaches the sure threshold', () => {
    const answer = createEngine(documents, { meaning: sameMeaning, answerModel: modelWith(0.4, 0.2) }).answer(
      question,
    );
    expect(answer.status).toBe('answered');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.quote).toBe('The tutoring program raised math scores by ten points.');
  });

  it('shows the closest passages as uncertain between the two thresholds', () => {
    const answer = createEngine(documents, { meaning: sameMeaning, answerModel: modelWith(0.6, 0.4) }).answer(
      question,
    );
    expect(answer.status).toBe('uncertain');
    expect(answer.answered).toBe(false);
    expect(answer.message).toBe(ANSWER_MESSAGES.uncertain);
    expect(answer.excerpts.length).toBeGreaterThan(0);
  });

  it('says "not covered", quoting nothing, below the close threshold when few of the words are found', () => {
    const answer = createEngine(documents, { meaning: sameMeaning, answerModel: modelWith(0.8, 0.6) }).answer(
      'How much did the city council budget office spend on tutoring?',
    );
    expect(answer.status).toBe('not_covered');
    expect(answer.excerpts).toEqual([]);
  });

  it('lets coverage decide when the encoder is off', () => {
    const answer = createEngine(documents, { answerModel: modelWith(0.99, 0.98) }).answer(question);
    expect(answer.status).toBe('answered');
  });
});

describe('the answer model file', () => {
  it('is refused when a weight is missing', () => {
    const broken = { ...modelWith(0.5, 0.2), rank: [1] };
    expect(() => parseAnswerModel(broken)).toThrow();
  });
});

describe('an uncertain answer just below the sure threshold', () => {
  it("is still shown when its confidence is under the close threshold but the question's words surround the passage", () => {
    const answer = createEngine(documents, { meaning: sameMeaning, answerModel: modelWith(0.8, 0.6) }).answer(
      question,
    );
    expect(answer.status).toBe('uncertain');
    expect(answer.excerpts[0]?.quote).toBe('The tutoring program raised math scores by ten points.');
  });
});

describe('the closest passages of an uncertain answer', () => {
  /** The question points one way; each sentence as far from it as its ordinal word says. */
  const closeness: Record<string, number> = {
    first: 0.99,
    second: 0.95,
    third: 0.9,
    fourth: 0.85,
    fifth: 0.8,
  };
  const byOrdinal = fakeEncoder((text) => {
    const word = Object.keys(closeness).find((ordinal) => text.includes(ordinal));
    const cosine = word ? (closeness[word] as number) : 1;
    return [cosine, Math.sqrt(1 - cosine ** 2)];
  });
  const sources = [
    documentOf('tutoring-a', [
      'Tutoring raised math scores in the first study.',
      'Tutoring raised math scores in the second study.',
    ]),
    documentOf('tutoring-b', ['Math lessons ran in the third study.']),
    documentOf('tutoring-c', ['Math clubs met in the fourth study.']),
    documentOf('tutoring-d', ['Math fairs were held in the fifth study.']),
  ];

  it('are still three when the two closest are side by side and quoted as one', () => {
    const engine = createEngine(sources, {
      meaning: byOrdinal,
      answerModel: answerModelWith({ orderBy: 'cosine', bias: 0, sure: 0.6, close: 0.4 }),
      newSentenceBudget: 10, // every candidate embedded, as in a curated base embedded ahead
    });
    const answer = engine.answer(question);
    expect(answer.status).toBe('uncertain');
    expect(answer.excerpts.map((excerpt) => excerpt.source.id)).toEqual([
      'tutoring-a',
      'tutoring-b',
      'tutoring-c',
    ]);
    expect(answer.excerpts[0]?.quote).toContain('first study');
    expect(answer.excerpts[0]?.quote).toContain('second study');
  });
});

describe('sentences the answer model embeds for a question', () => {
  const many = [
    documentOf('tutoring-many', [
      'Tutoring raised math scores in the first year.',
      'Tutoring raised reading scores in the second year.',
      'Tutoring raised attendance in the third year.',
      'Tutoring raised science scores in the fourth year.',
    ]),
  ];
  function recordingEncoder(prepared: boolean): { encoder: SentenceEncoder; embedded: string[] } {
    const embedded: string[] = [];
    const encoder: SentenceEncoder = {
      ...fakeEncoder((text) => {
        embedded.push(text);
        return [1, 0];
      }),
      isPrepared: () => prepared,
    };
    return { encoder, embedded };
  }

  it("embeds at most the budget of new sentences, the first stage's best first", () => {
    const { encoder, embedded } = recordingEncoder(false);
    createEngine(many, { meaning: encoder, answerModel: modelWith(0.4, 0.2), newSentenceBudget: 2 }).answer(
      'What did tutoring raise?',
    );
    expect(embedded).toHaveLength(3);
    expect(embedded[0]).toBe('What did tutoring raise?');
  });

  it('takes every one of the best sentences when they were embedded ahead', () => {
    const { encoder, embedded } = recordingEncoder(true);
    createEngine(many, { meaning: encoder, answerModel: modelWith(0.4, 0.2), newSentenceBudget: 2 }).answer(
      'What did tutoring raise?',
    );
    expect(embedded).toHaveLength(5);
  });
});
