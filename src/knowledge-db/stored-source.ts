import type { KnowledgeDocument } from '../knowledge/types.js';
import type { GroupPart } from '../search/group-part.js';
import type { TermDictionary } from '../search/term-dictionary.js';

/**
 * A source as stored for answering: the parsed document (paragraphs, sentences, boilerplate
 * marks) and its index part with stems and words spelled out instead of one dictionary's ids.
 * Made once when the source is written, so a replica reading it neither parses nor tokenizes.
 */
export interface StoredSource {
  document: Omit<KnowledgeDocument, 'body'>;
  part: StoredPart;
}

/** A GroupPart with its term and word ids replaced by the stems and words they stand for. */
export interface StoredPart {
  passageStart: number[];
  passageLength: number[];
  sentenceLength: number[];
  sentenceHasNumber: number[];
  terms: string[];
  termStart: number[];
  postingSentences: number[];
  postingCounts: number[];
  countedSentences: number[];
  countedStart: number[];
  countedTerms: string[];
  words: string[];
  /** Each word's stem (so restoring a part never stems a word again). */
  wordStems: string[];
  describedTerms: string[];
}

/** The part in a dictionary-free form (`dictionary` is the one it was made with). */
export function storePart(part: GroupPart, dictionary: TermDictionary): StoredPart {
  const stem = (term: number) => dictionary.stems[term] as string;
  return {
    passageStart: Array.from(part.passageStart),
    passageLength: Array.from(part.passageLength),
    sentenceLength: Array.from(part.sentenceLength),
    sentenceHasNumber: Array.from(part.sentenceHasNumber),
    terms: Array.from(part.terms, stem),
    termStart: Array.from(part.termStart),
    postingSentences: Array.from(part.postingSentences),
    postingCounts: Array.from(part.postingCounts),
    countedSentences: Array.from(part.countedSentences),
    countedStart: Array.from(part.countedStart),
    countedTerms: Array.from(part.countedTerms, stem),
    words: Array.from(part.words, (word) => dictionary.words[word] as string),
    wordStems: Array.from(part.words, (word) => dictionary.stems[dictionary.termOfWord(word)] as string),
    describedTerms: Array.from(part.describedTerms, stem),
  };
}

/**
 * The part with ids of `dictionary` (stems and words it lacks are added), terms ascending by id
 * with their postings moved along: what `indexGroup` would have made with that dictionary.
 */
export function restorePart(stored: StoredPart, dictionary: TermDictionary): GroupPart {
  const words = Int32Array.from(stored.words, (word, at) => dictionary.addWord(word, stored.wordStems[at]));
  const ids = stored.terms.map((stem) => dictionary.addStem(stem));
  const order = ids.map((_, at) => at).sort((a, b) => (ids[a] as number) - (ids[b] as number));
  const terms = new Int32Array(ids.length);
  const termStart = new Int32Array(ids.length + 1);
  const postingSentences = new Int32Array(stored.postingSentences.length);
  const postingCounts = new Uint8Array(stored.postingCounts.length);
  let write = 0;
  order.forEach((from, to) => {
    terms[to] = ids[from] as number;
    termStart[to] = write;
    for (
      let at = stored.termStart[from] as number;
      at < (stored.termStart[from + 1] as number);
      at++, write++
    ) {
      postingSentences[write] = stored.postingSentences[at] as number;
      postingCounts[write] = stored.postingCounts[at] as number;
    }
  });
  termStart[ids.length] = write;
  return {
    passageStart: Int32Array.from(stored.passageStart),
    passageLength: Uint32Array.from(stored.passageLength),
    sentenceLength: Uint16Array.from(stored.sentenceLength),
    sentenceHasNumber: Uint8Array.from(stored.sentenceHasNumber),
    terms,
    termStart,
    postingSentences,
    postingCounts,
    countedSentences: Int32Array.from(stored.countedSentences),
    countedStart: Int32Array.from(stored.countedStart),
    countedTerms: Int32Array.from(stored.countedTerms, (stem) => dictionary.addStem(stem)),
    words,
    describedTerms: Int32Array.from(stored.describedTerms, (stem) => dictionary.addStem(stem)),
  };
}
