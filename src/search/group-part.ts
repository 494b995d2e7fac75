import type { TermDictionary } from './term-dictionary.js';
import { contentTokens, contentWords } from './text.js';

/** A number that can answer "how many": digits, but not a year. */
const COUNT = /(?<![\d.,])(?!(?:19|20)\d\d(?![\d,]))\d[\d,.]*%?/;
/** A folded word that is a count, not a year. */
const COUNT_WORD = /^(?!(?:19|20)\d\d$)\d+$/;
/** How many words after a count it may be counting ("31 charters", "11,000 public school districts"). */
export const COUNTED_WINDOW = 3;

/**
 * One group's (document's) share of the index, with sentence and passage ids local to the group
 * (0 = its first). Built from the group's text alone, so a changed document is re-indexed
 * without touching the others; `SearchIndex.assemble` places it among the rest.
 */
export interface GroupPart {
  /** First local sentence of each passage; one more entry holds the sentence count. */
  passageStart: Int32Array;
  /** Content words per passage and per sentence (BM25 lengths). */
  passageLength: Uint32Array;
  sentenceLength: Uint16Array;
  /** 1 when the sentence holds a count. */
  sentenceHasNumber: Uint8Array;
  /** The group's distinct term ids, ascending, and each one's postings at `termStart[i]..termStart[i+1]`. */
  terms: Int32Array;
  termStart: Int32Array;
  /** Local sentence ids (ascending per term) and occurrences in each, capped at 255. */
  postingSentences: Int32Array;
  postingCounts: Uint8Array;
  /** Sentences holding a count (ascending), each with the terms right after its counts. */
  countedSentences: Int32Array;
  countedStart: Int32Array;
  countedTerms: Int32Array;
  /** Word ids of the group's folded words, in order of first occurrence. */
  words: Int32Array;
  /** Term ids of the stems of the group's description (title, publisher…), distinct, in order. */
  describedTerms: Int32Array;
}

/**
 * Indexes one group: its passages' sentences, in order, and its description (whose words count
 * as present throughout the group). New words and stems are added to `dictionary`.
 */
export function indexGroup(
  dictionary: TermDictionary,
  passages: ReadonlyArray<readonly string[]>,
  description = '',
): GroupPart {
  const passageStart = new Int32Array(passages.length + 1);
  const passageLength = new Uint32Array(passages.length);
  const sentenceLength: number[] = [];
  const sentenceHasNumber: number[] = [];
  const postings = new PostingsScratch();
  const countedSentences: number[] = [];
  const countedStart: number[] = [0];
  const countedTerms: number[] = [];
  const firstSeen = new Set<number>();
  let termsOfSentence = new Int32Array(64);
  passages.forEach((sentences, passage) => {
    passageStart[passage] = sentenceLength.length;
    for (const sentence of sentences) {
      const local = sentenceLength.length;
      const words = contentWords(sentence);
      sentenceLength.push(Math.min(words.length, 65_535));
      const hasCount = COUNT.test(sentence);
      sentenceHasNumber.push(hasCount ? 1 : 0);
      passageLength[passage] = (passageLength[passage] ?? 0) + words.length;
      if (termsOfSentence.length < words.length) termsOfSentence = new Int32Array(words.length * 2);
      for (let at = 0; at < words.length; at++) {
        const wordId = dictionary.addWord(words[at] as string);
        firstSeen.add(wordId);
        termsOfSentence[at] = dictionary.termOfWord(wordId);
      }
      const terms = termsOfSentence.subarray(0, words.length);
      if (hasCount) {
        const counted = countedTermsOf(words, terms);
        if (counted.size > 0) {
          countedSentences.push(local);
          countedTerms.push(...counted);
          countedStart.push(countedTerms.length);
        }
      }
      terms.sort();
      for (let at = 0; at < terms.length; ) {
        const term = terms[at] as number;
        let end = at + 1;
        while (end < terms.length && terms[end] === term) end++;
        postings.add(term, local, Math.min(end - at, 255));
        at = end;
      }
    }
  });
  passageStart[passages.length] = sentenceLength.length;

  const { terms, termStart, postingSentences, postingCounts } = postings.byTerm();
  const described = new Set(contentTokens(description).map((token) => dictionary.addStem(token.stem)));
  return {
    passageStart,
    passageLength,
    sentenceLength: Uint16Array.from(sentenceLength),
    sentenceHasNumber: Uint8Array.from(sentenceHasNumber),
    terms,
    termStart,
    postingSentences,
    postingCounts,
    countedSentences: Int32Array.from(countedSentences),
    countedStart: Int32Array.from(countedStart),
    countedTerms: Int32Array.from(countedTerms),
    words: Int32Array.from(firstSeen),
    describedTerms: Int32Array.from(described),
  };
}

/** The terms of the words right after each count in a sentence ("31 charters" → charter). */
function countedTermsOf(words: readonly string[], terms: Int32Array): Set<number> {
  const counted = new Set<number>();
  words.forEach((word, at) => {
    if (!COUNT_WORD.test(word)) return;
    for (const term of terms.subarray(at + 1, at + 1 + COUNTED_WINDOW)) counted.add(term);
  });
  return counted;
}

/** A sort key is term id × PLACE_BITS + the posting's place in the group (below PLACE_BITS). */
const PLACE_BITS = 2 ** 21;

/**
 * A group's postings as they are met (sentence by sentence), in buffers reused from group to
 * group; `byTerm` orders them by term, each term's in the order met (ascending sentences).
 */
class PostingsScratch {
  private static terms = new Int32Array(1024);
  private static sentences = new Int32Array(1024);
  private static counts = new Uint8Array(1024);
  private size = 0;

  add(term: number, sentence: number, count: number): void {
    if (this.size === PostingsScratch.terms.length) PostingsScratch.grow(this.size * 2);
    PostingsScratch.terms[this.size] = term;
    PostingsScratch.sentences[this.size] = sentence;
    PostingsScratch.counts[this.size] = count;
    this.size++;
  }

  byTerm(): Pick<GroupPart, 'terms' | 'termStart' | 'postingSentences' | 'postingCounts'> {
    const { size } = this;
    const { terms: termOf, sentences, counts } = PostingsScratch;
    const order = new Float64Array(size);
    for (let at = 0; at < size; at++) order[at] = (termOf[at] as number) * PLACE_BITS + at;
    // Term first, then the order met; past PLACE_BITS postings the key would not hold both.
    if (size < PLACE_BITS) order.sort();
    else
      order.set(
        Array.from(order.keys()).sort((a, b) => (termOf[a] as number) - (termOf[b] as number) || a - b),
      );
    const postingSentences = new Int32Array(size);
    const postingCounts = new Uint8Array(size);
    const distinct: number[] = [];
    const starts: number[] = [];
    for (let at = 0; at < size; at++) {
      const place = size < PLACE_BITS ? (order[at] as number) % PLACE_BITS : (order[at] as number);
      const term = termOf[place] as number;
      if (distinct.length === 0 || distinct[distinct.length - 1] !== term) {
        distinct.push(term);
        starts.push(at);
      }
      postingSentences[at] = sentences[place] as number;
      postingCounts[at] = counts[place] as number;
    }
    starts.push(size);
    return {
      terms: Int32Array.from(distinct),
      termStart: Int32Array.from(starts),
      postingSentences,
      postingCounts,
    };
  }

  private static grow(length: number): void {
    const terms = new Int32Array(length);
    const sentences = new Int32Array(length);
    const counts = new Uint8Array(length);
    terms.set(PostingsScratch.terms);
    sentences.set(PostingsScratch.sentences);
    counts.set(PostingsScratch.counts);
    PostingsScratch.terms = terms;
    PostingsScratch.sentences = sentences;
    PostingsScratch.counts = counts;
  }
}
