import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { answerModelWith, fakeEncoder } from '../helpers/answer-model.js';
import { documentOf } from '../helpers/knowledge-document.js';

const sources = [
  documentOf(
    'lander',
    ["We're using our Blue Moon lander, the company said."],
    'Blue Origin offers NASA a moon lander',
  ),
  documentOf('jets', ['The order covers thirty jets.'], 'Emirates orders Boeing jets'),
  documentOf('untitled', ['Nothing names this one.'], ''),
];

/** The texts the encoder is given (to embed now or ahead), and an engine whose model reads each sentence after its title (`titleShare`), or not (null). */
function engineReading(titleShare: number | null) {
  const embedded: string[] = [];
  const meaning = {
    ...fakeEncoder((text) => {
      embedded.push(text);
      return [1, 0];
    }),
    prepare: (texts: readonly string[]) => {
      embedded.push(...texts);
    },
  };
  const answerModel = { ...answerModelWith({ bias: 5, sure: 0.5, close: 0.2 }), titleShare };
  const engine = createEngine(sources, { meaning, answerModel, newSentenceBudget: 10 });
  return { engine, embedded };
}

describe('the sentences the encoder reads', () => {
  it("come after their article's title when the answer model was fitted so", () => {
    const { engine, embedded } = engineReading(0.25);
    engine.answer('Which lander is Blue Origin offering?');
    expect(embedded).toContain(
      "Blue Origin offers NASA a moon lander. We're using our Blue Moon lander, the company said.",
    );
  });

  it('are embedded ahead in the same form, so a question finds them ready', () => {
    const { engine, embedded } = engineReading(0.25);
    engine.prepareMeaning();
    expect(embedded).toEqual(
      expect.arrayContaining([
        'Emirates orders Boeing jets. The order covers thirty jets.',
        'Nothing names this one.',
      ]),
    );
  });

  it('stand alone when the model reads no titles', () => {
    const { engine, embedded } = engineReading(null);
    engine.answer('Which lander is Blue Origin offering?');
    expect(embedded).toContain("We're using our Blue Moon lander, the company said.");
    expect(embedded.some((text) => text.startsWith('Blue Origin offers'))).toBe(false);
  });
});
