import Fuse from 'fuse.js';

/** A vocabulary word close to a misspelled one, with fuse.js's distance (0 exact, 1 unrelated). */
export interface Correction {
  word: string;
  distance: number;
}

/** fuse.js settings for matching one misspelled word against single words. */
export const FUZZY_DEFAULTS = Object.freeze({
  /** fuse.js threshold: 0.3 takes a wrong, missing or extra letter in a word of 5 or more; "donate" is not "done". */
  threshold: 0.3,
  /** Words shorter than this are not corrected: too many short words are one letter apart. */
  minLength: 4,
  /** How much longer or shorter than the typed word a correction may be. */
  maxLengthDifference: 2,
  /** At most this many corrections per word. */
  limit: 2,
});

/**
 * Corrects misspelled words against a vocabulary with fuse.js. The vocabulary is bucketed by
 * first letter and length, and fuse.js runs only over the buckets a correction can come from,
 * so a lookup costs the same at 1k words as at 100k.
 */
export class FuzzyVocabulary {
  private readonly buckets = new Map<string, string[]>();
  private readonly searchers = new Map<string, Fuse<string>>();
  private readonly options: typeof FUZZY_DEFAULTS;
  private readonly known: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>, options: Partial<typeof FUZZY_DEFAULTS> = {}) {
    this.options = { ...FUZZY_DEFAULTS, ...options };
    this.known = new Set(vocabulary);
    for (const word of this.known) {
      if (word.length < this.options.minLength - this.options.maxLengthDifference) continue;
      const key = bucketKey(word[0] ?? '', word.length);
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(word);
      else this.buckets.set(key, [word]);
    }
  }

  /** The closest vocabulary words to `word`, best first; empty when none is close enough. */
  correct(word: string): Correction[] {
    if (word.length < this.options.minLength) return [];
    const found: Correction[] = transpositions(word)
      .filter((candidate) => this.known.has(candidate))
      .map((candidate) => ({ word: candidate, distance: TRANSPOSITION_DISTANCE }));
    const { maxLengthDifference, threshold, limit } = this.options;
    for (
      let length = word.length - maxLengthDifference;
      length <= word.length + maxLengthDifference;
      length++
    ) {
      const searcher = this.searcher(bucketKey(word[0] ?? '', length));
      if (!searcher) continue;
      for (const result of searcher.search(word, { limit })) {
        const distance = result.score ?? 1;
        if (distance <= threshold && !found.some((known) => known.word === result.item)) {
          found.push({ word: result.item, distance });
        }
      }
    }
    return found.sort((a, b) => a.distance - b.distance).slice(0, limit);
  }

  private searcher(key: string): Fuse<string> | undefined {
    let searcher = this.searchers.get(key);
    if (!searcher) {
      const bucket = this.buckets.get(key);
      if (!bucket) return undefined;
      searcher = new Fuse(bucket, {
        includeScore: true,
        threshold: this.options.threshold,
        shouldSort: true,
      });
      this.searchers.set(key, searcher);
    }
    return searcher;
  }
}

/**
 * Swapped neighbouring letters ("waht", "reserach") are the commonest typo, and fuse.js (bitap)
 * counts a swap as two errors; they are checked directly and rank as a close match.
 */
const TRANSPOSITION_DISTANCE = 0.1;

function transpositions(word: string): string[] {
  const candidates: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    candidates.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return candidates;
}

function bucketKey(first: string, length: number): string {
  return `${first}${length}`;
}
