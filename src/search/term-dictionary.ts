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
  private readonly termIds = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();

  get termCount(): number {
    return this.stems.length;
  }

  get wordCount(): number {
    return this.words.length;
  }

  /** Term id of a stem, when the dictionary has it. */
  termOfStem(stem: string): number | undefined {
    return this.termIds.get(stem);
  }

  /** Word id of a folded word, when the dictionary has it. */
  wordId(word: string): number | undefined {
    return this.wordIds.get(word);
  }

  /** Term id of a word id. */
  termOfWord(wordId: number): number {
    return this.termOf[wordId] as number;
  }

  /** The id of a stem, added when new. */
  addStem(stem: string): number {
    let term = this.termIds.get(stem);
    if (term === undefined) {
      term = this.stems.length;
      this.stems.push(stem);
      this.termIds.set(stem, term);
    }
    return term;
  }

  /** The id of a folded word (its stem is added too), added when new. */
  addWord(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      const term = this.addStem(stemWord(word));
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

  /** A dictionary restored from saved lists; `wordTerms[w]` is the term id of `words[w]`. */
  static restore(stems: string[], words: string[], wordTerms: Int32Array): TermDictionary {
    if (wordTerms.length !== words.length)
      throw new Error('dictionary: word and term lists differ in length');
    const dictionary = new TermDictionary();
    for (let term = 0; term < stems.length; term++) dictionary.termIds.set(stems[term] as string, term);
    for (let id = 0; id < words.length; id++) dictionary.wordIds.set(words[id] as string, id);
    if (dictionary.termIds.size !== stems.length || dictionary.wordIds.size !== words.length)
      throw new Error('dictionary: a stem or word appears twice');
    for (const term of wordTerms)
      if (term < 0 || term >= stems.length) throw new Error('dictionary: word points at no stem');
    (dictionary as { stems: string[] }).stems = stems;
    (dictionary as { words: string[] }).words = words;
    dictionary.termOf = new Int32Array(Math.max(1024, words.length * 2));
    dictionary.termOf.set(wordTerms);
    return dictionary;
  }
}
