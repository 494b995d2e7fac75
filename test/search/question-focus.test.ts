import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/search/index.js';
import { questionFocus } from '../../src/search/question-focus.js';

/** A story whose names ("feather", "duvet", "lung") are in most of its sentences, and another story. */
const index = SearchIndex.build([
  {
    group: 0,
    sentences: [
      'A British man fell ill with feather duvet lung.',
      'Doctors traced the feather duvet lung to his new bedding.',
      'The man, aged 43, had bought a feather duvet in the spring.',
      'He recovered once the duvet was gone.',
    ],
  },
  { group: 1, sentences: ['Ferries cross the harbour every day.'] },
]);

describe("a question's focus", () => {
  it("leaves out the words that name the story the question's best document tells", () => {
    expect(questionFocus('How old was the British man who got feather duvet lung?', index, 0, 0.5)).toBe(
      'How old was the British who got',
    );
  });

  it('keeps the words in fewer of its sentences than the share asked, and a question about another story', () => {
    expect(questionFocus('How old was the British man who got feather duvet lung?', index, 0, 0.75)).toBe(
      'How old was the British man who got lung?',
    );
    const question = 'Where do the ferries go?';
    expect(questionFocus(question, index, 0, 0.5)).toBe(question);
  });

  it('is the whole question when nothing but stop words would be left, or it has no spaces', () => {
    expect(questionFocus('the feather duvet?', index, 0, 0.5)).toBe('the feather duvet?');
    expect(questionFocus('羽毛布団肺とは', index, 0, 0.5)).toBe('羽毛布団肺とは');
  });
});
