import { createRequire } from 'node:module';
import type WinkLemmatizer from 'wink-lemmatizer';
import { stemWord } from './text.js';

/** wink-lemmatizer, loaded on first use: its word lists take about 200 ms to load. */
let lemmatizer: typeof WinkLemmatizer | undefined;
function loadLemmatizer(): typeof WinkLemmatizer {
  lemmatizer ??= createRequire(import.meta.url)('wink-lemmatizer') as typeof WinkLemmatizer;
  return lemmatizer;
}

/**
 * Lemmas join the forms Porter stems keep apart ("found" and "find", "children" and "child",
 * "better" and "good"): each word's verb, noun and adjective lemmas from wink-lemmatizer's
 * English word lists.
 */
export function lemmasOf(word: string): string[] {
  if (/\d/.test(word)) return [word];
  const lemmatizer = loadLemmatizer();
  return [
    ...new Set([
      word,
      lemmatizer.lemmatizeVerb(word),
      lemmatizer.lemmatizeNoun(word),
      lemmatizer.lemmatizeAdjective(word),
    ]),
  ];
}

/**
 * For a vocabulary, which of its stems share a lemma: built once, then a question word finds the
 * sources' other forms of it ("find" → the stem of "found").
 */
export class LemmaVariants {
  private readonly stemsByLemma = new Map<string, Set<string>>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const stem = stemWord(word);
      for (const lemma of lemmasOf(word)) {
        const key = stemWord(lemma);
        if (key === stem && lemma === word) continue;
        let stems = this.stemsByLemma.get(key);
        if (!stems) {
          stems = new Set();
          this.stemsByLemma.set(key, stems);
        }
        stems.add(stem);
      }
    }
  }

  /** Stems of the vocabulary's words that share a lemma with `word`, other than its own stem. */
  of(word: string): string[] {
    const own = stemWord(word);
    const found = new Set<string>();
    for (const lemma of lemmasOf(word)) {
      for (const stem of this.stemsByLemma.get(stemWord(lemma)) ?? []) if (stem !== own) found.add(stem);
    }
    return [...found];
  }
}
