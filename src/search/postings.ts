/** A term's sentences (ascending ids) and how often it occurs in each. */
export interface Postings {
  sentences: Int32Array;
  counts: Uint8Array;
  /** How many distinct passages hold the term (in the whole library, for an index of part of it). */
  passageCount: number;
  /**
   * How many sentences hold the term in the whole library, for an index of part of it (the
   * PostgreSQL store's per-question index); `sentences.length` when absent.
   */
  sentenceFrequency?: number;
}

/** How many sentences hold the term: in the whole library when the postings say, else in the index. */
export function sentenceFrequency(postings: Postings): number {
  return postings.sentenceFrequency ?? postings.sentences.length;
}

/** First position in `sorted[from, to)` whose value is ≥ `value`. */
export function lowerBound(sorted: Int32Array, value: number, from = 0, to = sorted.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How often the term occurs in the sentences with ids in [first, end). */
export function countInRange(postings: Postings, first: number, end: number): number {
  let total = 0;
  for (let at = lowerBound(postings.sentences, first); at < postings.sentences.length; at++) {
    if ((postings.sentences[at] as number) >= end) break;
    total += postings.counts[at] as number;
  }
  return total;
}

/** How many sentences with id in [first, end) hold the term. */
export function sentencesInRange(postings: Postings, first: number, end: number): number {
  return lowerBound(postings.sentences, end) - lowerBound(postings.sentences, first);
}

/** True when the term occurs in any sentence with id in [first, end). */
export function occursInRange(postings: Postings, first: number, end: number): boolean {
  const at = lowerBound(postings.sentences, first);
  return at < postings.sentences.length && (postings.sentences[at] as number) < end;
}

/** An append-only list of (sentence, count) pairs in typed arrays, doubled as it grows. */
export class PostingsBuilder {
  private sentences = new Int32Array(4);
  private counts = new Uint8Array(4);
  private length = 0;
  private lastPassage = -1;
  private passageCount = 0;

  add(sentence: number, count: number, passage: number): void {
    if (this.length === this.sentences.length) {
      const sentences = new Int32Array(this.length * 2);
      sentences.set(this.sentences);
      this.sentences = sentences;
      const counts = new Uint8Array(this.length * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.sentences[this.length] = sentence;
    this.counts[this.length] = Math.min(count, 255);
    this.length++;
    if (passage !== this.lastPassage) {
      this.lastPassage = passage;
      this.passageCount++;
    }
  }

  finish(): Postings {
    return {
      sentences: this.sentences.slice(0, this.length),
      counts: this.counts.slice(0, this.length),
      passageCount: this.passageCount,
    };
  }
}
