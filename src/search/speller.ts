import { FuzzyVocabulary } from './fuzzy.js';
import { STOP_WORDS } from './stop-words.js';
import { defaultWordVectors, type WordVectors } from './word-vectors.js';

/** A correction with the word's frequency rank in the word-vector model. */
type Correction = Readonly<{ word: string; distance: number; rank: number }>;

/** How many of the commonest English words the speller knows and corrects towards. */
export const COMMON_WORDS = 40_000;
/** How many times commoner a spelling must be to replace a rare known word. */
const COMMONER_BY = 50;
/** How many words' corrections are remembered before the memory starts again. */
const REMEMBERED_WORDS = 10_000;

/**
 * Spelling correction against general English: the commonest words of the word-vector model
 * (frequency order) and the stop words. A word among them is never corrected; another word is
 * corrected to the closest of them by edit distance (fuse.js), commoner words first on ties.
 */
export class GeneralSpeller {
  private readonly common: ReadonlySet<string>;
  /** Built on the first correction: checking that a word is common needs only the set. */
  private fuzzyVocabulary: FuzzyVocabulary | undefined;
  private readonly vectors: WordVectors | null;
  /** Corrections already looked up (the words people misspell, and the ones the sources lack, repeat). */
  private readonly corrections = new Map<string, ReadonlyArray<Correction>>();

  constructor(vectors: WordVectors | null, size = COMMON_WORDS) {
    this.vectors = vectors;
    const words = vectors ? vectors.vocabulary().slice(0, size) : [];
    this.common = new Set(words);
  }

  isCommonWord(word: string): boolean {
    return this.common.has(word) || STOP_WORDS.has(word);
  }

  /**
   * For a known but rare word, a far commoner word one slip away ("goverment" → "government"):
   * the vectors' vocabulary holds common misspellings too, ranked far below the word they miss.
   */
  commonerSpelling(word: string): { word: string; distance: number } | undefined {
    const rank = this.vectors?.rank(word);
    if (rank === undefined || word.length < 5) return undefined;
    return this.correct(word).find(
      (correction) =>
        correction.word !== word && correction.rank * COMMONER_BY < rank && correction.distance <= 0.2,
    );
  }

  /** Closest common words, best first (remembered: the same array for the same word, not to be changed). */
  correct(word: string): ReadonlyArray<Correction> {
    let corrections = this.corrections.get(word);
    if (!corrections) {
      this.fuzzyVocabulary ??= new FuzzyVocabulary([this.common, STOP_WORDS]);
      corrections = this.fuzzyVocabulary
        .correct(word)
        .map((correction) => ({ ...correction, rank: this.vectors?.rank(correction.word) ?? 0 }))
        .sort((a, b) => a.distance - b.distance || a.rank - b.rank);
      if (this.corrections.size >= REMEMBERED_WORDS) this.corrections.clear();
      this.corrections.set(word, corrections);
    }
    return corrections;
  }
}

let shared: GeneralSpeller | undefined;

/** The process-wide speller over the shipped word list (built on first use). */
export function generalSpeller(): GeneralSpeller {
  shared ??= new GeneralSpeller(defaultWordVectors());
  return shared;
}
