import { stemWord } from './text.js';

/**
 * Numbers for the corpus's folded words and their stems, shared by every index built from the
 * same lineage (a full build, then its incremental updates). Append-only: an index only reads the
 * ids below the counts it was built with, so indexes still answering questions are never affected
 * by words a newer one added. Words that leave the corpus keep their numbers (an index reports
 * a stem or word as present only when it occurs), until the next full build starts a new one.
 */
export class TermDictionary {
  /** Stem of each term id. */
  readonly stems: string[] = [];
  /** Folded word of each word id. */
  readonly words: string[] = [];
  /** Term id of each word id. */
  private termOf: Int32Array = new Int32Array(1024);
  private termIds = new Map<string, number>();
  private wordIds = new Map<string, number>();
  /**
   * After `restore`, the restored term and word ids in string order: lookups binary-search them,
   * and the maps above hold only what was added since (a restored snapshot with a million words
   * answers its first question, and takes its first edit, without hashing them all).
   */
  private stemOrder: Int32Array | undefined;
  private wordOrder: Int32Array | undefined;

  get termCount(): number {
    return this.stems.length;
  }

  get wordCount(): number {
    return this.words.length;
  }

  /** Term id of a stem, when the dictionary has it. */
  termOfStem(stem: string): number | undefined {
    return (this.stemOrder && findSorted(this.stemOrder, this.stems, stem)) ?? this.termIds.get(stem);
  }

  /** Word id of a folded word, when the dictionary has it. */
  wordId(word: string): number | undefined {
    return (this.wordOrder && findSorted(this.wordOrder, this.words, word)) ?? this.wordIds.get(word);
  }

  /** The ids of the stems and of the words in string order, for saving beside the lists. */
  sortedIds(): { stems: Int32Array; words: Int32Array } {
    return {
      stems: this.stemOrder && this.termIds.size === 0 ? this.stemOrder : sortedOrder(this.stems),
      words: this.wordOrder && this.wordIds.size === 0 ? this.wordOrder : sortedOrder(this.words),
    };
  }

  /** Term id of a word id. */
  termOfWord(wordId: number): number {
    return this.termOf[wordId] as number;
  }

  /** The id of a stem, added when new. */
  addStem(stem: string): number {
    let term = this.termOfStem(stem);
    if (term === undefined) {
      term = this.stems.length;
      this.stems.push(stem);
      this.termIds.set(stem, term);
    }
    return term;
  }

  /**
   * The id of a folded word (its stem is added too), added when new. `stem`, when the caller
   * knows it already (a stored index part), saves stemming the word again.
   */
  addWord(word: string, stem?: string): number {
    let id = this.wordId(word);
    if (id === undefined) {
      id = this.words.length;
      const term = this.addStem(stem ?? stemWord(word));
      if (id === this.termOf.length) {
        const grown = new Int32Array(id * 2);
        grown.set(this.termOf);
        this.termOf = grown;
      }
      this.termOf[id] = term;
      this.words.push(word);
      this.wordIds.set(word, id);
    }
    return id;
  }

  /** The word-to-term table, for saving (a copy of the used part). */
  wordTerms(): Int32Array {
    return this.termOf.slice(0, this.words.length);
  }

  /**
   * A dictionary restored from saved lists; `wordTerms[w]` is the term id of `words[w]`, and
   * `stemOrder` and `wordOrder` are `sortedIds()` as saved.
   */
  static restore(
    stems: string[],
    words: string[],
    wordTerms: Int32Array,
    stemOrder: Int32Array,
    wordOrder: Int32Array,
  ): TermDictionary {
    if (wordTerms.length !== words.length)
      throw new Error('dictionary: word and term lists differ in length');
    checkOrder(stemOrder, stems, 'stem');
    checkOrder(wordOrder, words, 'word');
    for (const term of wordTerms)
      if (term < 0 || term >= stems.length) throw new Error('dictionary: word points at no stem');
    const dictionary = new TermDictionary();
    (dictionary as { stems: string[] }).stems = stems;
    (dictionary as { words: string[] }).words = words;
    dictionary.stemOrder = stemOrder;
    dictionary.wordOrder = wordOrder;
    dictionary.termOf = new Int32Array(Math.max(1024, words.length * 2));
    dictionary.termOf.set(wordTerms);
    return dictionary;
  }
}

/** The ids of `strings` ordered by the strings (code-unit order, as `<` compares). */
function sortedOrder(strings: readonly string[]): Int32Array {
  const order = Int32Array.from(strings, (_, id) => id);
  return order.sort((a, b) => ((strings[a] as string) < (strings[b] as string) ? -1 : 1));
}

/**
 * Checks that `order` has one entry per string, each a valid id. Whether it is really sorted is
 * not checked (a million string comparisons at every start); the snapshot's checksum vouches for it.
 */
function checkOrder(order: Int32Array, strings: readonly string[], what: string): void {
  if (order.length !== strings.length) throw new Error(`dictionary: the ${what} order has the wrong length`);
  for (const id of order)
    if (id < 0 || id >= strings.length) throw new Error(`dictionary: the ${what} order points at no ${what}`);
}

/** The id whose string is `target`, by binary search over ids sorted by their strings. */
function findSorted(order: Int32Array, strings: readonly string[], target: string): number | undefined {
  let low = 0;
  let high = order.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const id = order[middle] as number;
    const value = strings[id] as string;
    if (value === target) return id;
    if (value < target) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
