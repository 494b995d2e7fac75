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
 * Two edits change at most 4 letters of a word's letter set, and remove at most 4 of its letter
 * pairs: a candidate further off than that cannot be a correction, so fuse.js never sees it.
 */
export const MAX_LETTER_SET_DIFFERENCE = 4;
const MAX_MISSING_PAIRS = 4;

interface Bucket {
  words: string[];
  /** Per word, the set of its letters as bits (a–z, then one bit for anything else). */
  letters: number[];
  /** Per word, its pairs of neighbouring letters hashed to 32 bits. */
  pairs: number[];
}

/**
 * Corrects misspelled words against a vocabulary with fuse.js. The vocabulary is bucketed by
 * first letter and length, and a cheap letter-set check keeps only words two edits could reach,
 * so fuse.js scores a few dozen candidates however large the vocabulary (160k words at 100k
 * passages).
 */
export class FuzzyVocabulary {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: typeof FUZZY_DEFAULTS;
  private readonly vocabularies: ReadonlyArray<Iterable<string>>;

  /** `vocabularies`: word lists or sets (e.g. the corpus's words and the stop words); read, not copied. */
  constructor(
    vocabularies: ReadonlyArray<Iterable<string> & { has?(word: string): boolean }>,
    options: Partial<typeof FUZZY_DEFAULTS> = {},
  ) {
    this.options = { ...FUZZY_DEFAULTS, ...options };
    this.vocabularies = vocabularies.map((words) =>
      typeof words.has === 'function' ? words : new Set(words),
    );
    for (const words of this.vocabularies) {
      for (const word of words) {
        if (word.length < this.options.minLength - this.options.maxLengthDifference) continue;
        const key = bucketKey(word[0] ?? '', word.length);
        let bucket = this.buckets.get(key);
        if (!bucket) {
          bucket = { words: [], letters: [], pairs: [] };
          this.buckets.set(key, bucket);
        }
        bucket.words.push(word);
        bucket.letters.push(letterSet(word));
        bucket.pairs.push(pairSet(word));
      }
    }
  }

  private isKnown(word: string): boolean {
    return this.vocabularies.some((words) => (words as ReadonlySet<string>).has(word));
  }

  /** The closest vocabulary words to `word`, best first; empty when none is close enough. */
  correct(word: string): Correction[] {
    if (word.length < this.options.minLength) return [];
    const found: Correction[] = transpositions(word)
      .filter((candidate) => this.isKnown(candidate))
      .map((candidate) => ({ word: candidate, distance: TRANSPOSITION_DISTANCE }));
    const { maxLengthDifference, threshold, limit } = this.options;
    const letters = letterSet(word);
    const pairs = pairSet(word);
    const counts = letterCounts(word);
    // Each letter of the word that a candidate lacks (counted with repeats) costs fuse.js at least
    // one error, and it accepts at most threshold × length of them.
    const maxMissing = Math.floor(threshold * word.length + 1e-9);
    const candidates: string[] = [];
    for (
      let length = word.length - maxLengthDifference;
      length <= word.length + maxLengthDifference;
      length++
    ) {
      const bucket = this.buckets.get(bucketKey(word[0] ?? '', length));
      if (!bucket) continue;
      for (let at = 0; at < bucket.words.length; at++) {
        if (bitCount((bucket.letters[at] as number) ^ letters) > MAX_LETTER_SET_DIFFERENCE) continue;
        if (bitCount(pairs & ~(bucket.pairs[at] as number)) > MAX_MISSING_PAIRS) continue;
        const candidate = bucket.words[at] as string;
        if (missingLetters(counts, word.length, candidate) > maxMissing) continue;
        candidates.push(candidate);
      }
    }
    if (candidates.length > 0) {
      const searcher = new Fuse(candidates, { includeScore: true, threshold, shouldSort: true });
      for (const result of searcher.search(word, { limit: limit + found.length })) {
        const distance = result.score ?? 1;
        if (distance <= threshold && !found.some((known) => known.word === result.item)) {
          found.push({ word: result.item, distance });
        }
      }
    }
    return found.sort((a, b) => a.distance - b.distance).slice(0, limit);
  }
}

/** How many times each UTF-16 code unit occurs in the word (letters a–z; others share slot 26). */
function letterCounts(word: string): Int8Array {
  const counts = new Int8Array(27);
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) - 97;
    const slot = code >= 0 && code < 26 ? code : 26;
    counts[slot] = (counts[slot] as number) + 1;
  }
  return counts;
}

const scratchCounts = new Int8Array(27);

/** How many of the word's `length` letters (with repeats, from `counts`) the candidate does not hold. */
function missingLetters(counts: Int8Array, length: number, candidate: string): number {
  scratchCounts.set(counts);
  let missing = length;
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i) - 97;
    const slot = code >= 0 && code < 26 ? code : 26;
    if ((scratchCounts[slot] as number) > 0) {
      scratchCounts[slot] = (scratchCounts[slot] as number) - 1;
      missing--;
    }
  }
  return missing;
}

function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) - 97;
    set |= code >= 0 && code < 26 ? 1 << code : 1 << 26;
  }
  return set;
}

function pairSet(word: string): number {
  let set = 0;
  for (let i = 0; i + 1 < word.length; i++)
    set |= 1 << ((word.charCodeAt(i) * 37 + word.charCodeAt(i + 1) * 11) & 31);
  return set;
}

function bitCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
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
