import { describe, expect, it } from 'vitest';
import { TermDictionary } from '../../src/search/term-dictionary.js';

function built(words: string[]): TermDictionary {
  const dictionary = new TermDictionary();
  for (const word of words) dictionary.addWord(word);
  return dictionary;
}

function restored(from: TermDictionary): TermDictionary {
  const order = from.sortedIds();
  return TermDictionary.restore([...from.stems], [...from.words], from.wordTerms(), order.stems, order.words);
}

describe('a term dictionary restored from a snapshot', () => {
  const words = ['teachers', 'teacher', 'reading', 'read', 'zebra', 'ängste', 'über', '2017', 'a'];

  it('finds every saved word and stem under the id it was saved with', () => {
    const original = built(words);
    const copy = restored(original);
    for (const word of words) expect(copy.wordId(word)).toBe(original.wordId(word));
    for (const stem of original.stems) expect(copy.termOfStem(stem)).toBe(original.termOfStem(stem));
  });

  it('finds nothing for a word or stem it never saw', () => {
    const copy = restored(built(words));
    for (const absent of ['', 'teach', 'zzz', 'Teachers', '0']) expect(copy.wordId(absent)).toBeUndefined();
    expect(copy.termOfStem('zzz')).toBeUndefined();
  });

  it('keeps its ids when words are added after the restore, and finds the new ones', () => {
    const copy = restored(built(words));
    const before = words.map((word) => copy.wordId(word));
    const added = copy.addWord('principals');
    expect(words.map((word) => copy.wordId(word))).toEqual(before);
    expect(copy.wordId('principals')).toBe(added);
    expect(added).toBe(words.length);
  });

  it('saves the added words in order with the restored ones, and a second restore finds them all', () => {
    const copy = restored(built(words));
    copy.addWord('aardvark');
    copy.addWord('principals');
    const again = restored(copy);
    for (const word of [...words, 'aardvark', 'principals'])
      expect(again.wordId(word)).toBe(copy.wordId(word));
  });

  it('refuses an order that points past its words', () => {
    const original = built(words);
    const order = original.sortedIds();
    const broken = Int32Array.from(order.words, (id) => (id === 0 ? 999 : id));
    expect(() =>
      TermDictionary.restore(
        [...original.stems],
        [...original.words],
        original.wordTerms(),
        order.stems,
        broken,
      ),
    ).toThrow(/points at no word/);
  });
});
