import { describe, expect, it } from 'vitest';
import { sentenceHoldsPhrase } from '../../src/eval/evaluate.js';

describe('whether a sentence holds an expected answer phrase, for fitting', () => {
  it('finds the phrase whatever its case, quotes, dashes and spacing', () => {
    expect(
      sentenceHoldsPhrase('The study — commissioned by the “Gates  Foundation” — ran two years.', [
        'commissioned by the "Gates Foundation"',
      ]),
    ).toBe(true);
  });

  it('counts a sentence lying within a phrase that spans two sentences', () => {
    const phrase = 'Teachers worried about tests. They also wanted more ready-made resources to draw on.';
    expect(sentenceHoldsPhrase('They also wanted more ready-made resources to draw on.', [phrase])).toBe(
      true,
    );
  });

  it('counts a sentence holding the first or the last 40 characters of a long phrase', () => {
    const phrase = 'students in personalized learning settings made gains in mathematics and reading';
    expect(
      sentenceHoldsPhrase('Overall, students in personalized learning settings made gains.', [phrase]),
    ).toBe(true);
  });

  it('refuses a sentence about something else, and any sentence when there are no phrases', () => {
    expect(sentenceHoldsPhrase('The weather was fine.', ['commissioned by the Gates Foundation'])).toBe(
      false,
    );
    expect(sentenceHoldsPhrase('The weather was fine.', [])).toBe(false);
  });
});
