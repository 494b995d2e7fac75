import { FuzzyVocabulary } from './fuzzy.js';
import { LemmaVariants } from './lemmas.js';
import { type Postings, PostingsBuilder } from './postings.js';
import { STOP_WORDS } from './stop-words.js';
import { contentTokens, contentWords, stemWord } from './text.js';

/** What the index is built from: passages (paragraphs) of sentences, each passage in a group (document). */
export interface PassageInput {
  /**
   * Index of the group (document) the passage belongs to. A group's passages must be
   * consecutive in the input, as a document's paragraphs are.
   */
  group: number;
  /** The passage's quotable sentences, in order. Sentence ids are assigned in input order. */
  sentences: readonly string[];
}

/** A number that can answer "how many": digits, but not a year. */
const COUNT = /(?<![\d.,])(?!(?:19|20)\d\d(?![\d,]))\d[\d,.]*%?/;
/** A folded word that is a count, not a year. */
const COUNT_WORD = /^(?!(?:19|20)\d\d$)\d+$/;
/** How many words after a count it may be counting ("31 charters", "11,000 public school districts"). */
const COUNTED_WINDOW = 3;

/**
 * An inverted index over sentences, with each sentence's passage and group, built once and
 * read-only afterwards. Terms are Porter stems of non-stop words; the surface words feed the
 * fuse.js spelling correction. Sentences of a passage, and passages of a group, have
 * consecutive ids, so "does the term occur in this paragraph / document" is a range lookup.
 */
export class SearchIndex {
  /** Passage of each sentence. */
  readonly sentencePassage: Int32Array;
  /** Group of each passage. */
  readonly passageGroup: Int32Array;
  /** First sentence id of each passage; one more entry holds the sentence count. */
  readonly passageStart: Int32Array;
  /** First sentence id of each group; one more entry holds the sentence count. */
  readonly groupStart: Int32Array;
  /** Content words per sentence and per passage (BM25 lengths). */
  readonly sentenceLength: Uint16Array;
  readonly passageLength: Uint32Array;
  /** 1 when the sentence holds a count (for "how many" questions). */
  readonly sentenceHasNumber: Uint8Array;
  /** Per sentence with a count in it, the stems of the words right after each count ("31 charters" → charter). */
  readonly countedStems: ReadonlyMap<number, ReadonlySet<string>>;
  readonly averageSentenceLength: number;
  readonly averagePassageLength: number;
  private readonly postings: ReadonlyMap<string, Postings>;
  /** Every folded word of the corpus (the keys; values are internal term numbers). */
  private readonly surfaceWords: ReadonlyMap<string, number>;
  /** Per stem, the groups whose description (title, publisher, year…) holds it. */
  private readonly groupTerms: ReadonlyMap<string, readonly number[]>;
  private readonly fuzzy: FuzzyVocabulary;

  private constructor(
    fields: Omit<SearchIndex, 'averageSentenceLength' | 'averagePassageLength' | PublicMethods> & {
      postings: Map<string, Postings>;
      surfaceWords: Map<string, number>;
      groupTerms: Map<string, number[]>;
    },
  ) {
    this.sentencePassage = fields.sentencePassage;
    this.passageGroup = fields.passageGroup;
    this.passageStart = fields.passageStart;
    this.groupStart = fields.groupStart;
    this.sentenceLength = fields.sentenceLength;
    this.passageLength = fields.passageLength;
    this.sentenceHasNumber = fields.sentenceHasNumber;
    this.countedStems = fields.countedStems;
    this.postings = fields.postings;
    this.surfaceWords = fields.surfaceWords;
    this.groupTerms = fields.groupTerms;
    this.averageSentenceLength = average(fields.sentenceLength);
    this.averagePassageLength = average(fields.passageLength);
    const corpusWords = fields.surfaceWords;
    this.fuzzy = new FuzzyVocabulary([
      { [Symbol.iterator]: () => corpusWords.keys(), has: (word: string) => corpusWords.has(word) },
      STOP_WORDS,
    ]);
  }

  /**
   * Indexes the passages' sentences. `groupDescriptions[g]` (optional) describes group g (a
   * document's title, publisher, year): its words count as present throughout the group.
   * Throws when a group's passages are not consecutive.
   */
  static build(passages: readonly PassageInput[], groupDescriptions: readonly string[] = []): SearchIndex {
    const termOfWord = new Map<string, number>();
    const stems: string[] = [];
    const termOfStem = new Map<string, number>();
    const builders: PostingsBuilder[] = [];
    const countedStems = new Map<number, Set<string>>();
    const sentencePassage: number[] = [];
    const sentenceLength: number[] = [];
    const sentenceHasNumber: number[] = [];
    const passageLength = new Uint32Array(passages.length);
    const passageGroup = new Int32Array(passages.length);
    const passageStart = new Int32Array(passages.length + 1);
    const groupStarts: number[] = [];
    let termsOfSentence = new Int32Array(64);
    passages.forEach((passage, passageId) => {
      passageGroup[passageId] = passage.group;
      passageStart[passageId] = sentencePassage.length;
      if (passage.group < groupStarts.length - 1) {
        throw new Error(`passages of group ${passage.group} are not consecutive (passage ${passageId})`);
      }
      while (groupStarts.length <= passage.group) groupStarts.push(sentencePassage.length);
      for (const sentence of passage.sentences) {
        const sentenceId = sentencePassage.length;
        const words = contentWords(sentence);
        sentencePassage.push(passageId);
        sentenceLength.push(Math.min(words.length, 65_535));
        const hasCount = COUNT.test(sentence);
        sentenceHasNumber.push(hasCount ? 1 : 0);
        passageLength[passageId] = (passageLength[passageId] ?? 0) + words.length;
        if (termsOfSentence.length < words.length) termsOfSentence = new Int32Array(words.length * 2);
        for (let at = 0; at < words.length; at++) {
          const word = words[at] as string;
          let term = termOfWord.get(word);
          if (term === undefined) {
            const stem = stemWord(word);
            term = termOfStem.get(stem);
            if (term === undefined) {
              term = stems.length;
              stems.push(stem);
              builders.push(new PostingsBuilder());
              termOfStem.set(stem, term);
            }
            termOfWord.set(word, term);
          }
          termsOfSentence[at] = term;
        }
        const terms = termsOfSentence.subarray(0, words.length);
        if (hasCount) recordCounts(words, terms, stems, sentenceId, countedStems);
        terms.sort();
        for (let at = 0; at < terms.length; ) {
          const term = terms[at] as number;
          let end = at + 1;
          while (end < terms.length && terms[end] === term) end++;
          (builders[term] as PostingsBuilder).add(sentenceId, end - at, passageId);
          at = end;
        }
      }
    });
    passageStart[passages.length] = sentencePassage.length;
    while (groupStarts.length < groupDescriptions.length) groupStarts.push(sentencePassage.length);
    groupStarts.push(sentencePassage.length);

    const groupTerms = new Map<string, number[]>();
    groupDescriptions.forEach((description, group) => {
      for (const stem of new Set(contentTokens(description).map((token) => token.stem))) {
        const groups = groupTerms.get(stem) ?? [];
        groups.push(group);
        groupTerms.set(stem, groups);
      }
    });
    const postings = new Map<string, Postings>();
    builders.forEach((builder, term) => {
      postings.set(stems[term] as string, builder.finish());
    });
    return new SearchIndex({
      sentencePassage: Int32Array.from(sentencePassage),
      passageGroup,
      passageStart,
      groupStart: Int32Array.from(groupStarts),
      sentenceLength: Uint16Array.from(sentenceLength),
      passageLength,
      sentenceHasNumber: Uint8Array.from(sentenceHasNumber),
      countedStems,
      postings,
      surfaceWords: termOfWord,
      groupTerms,
    });
  }

  get sentenceCount(): number {
    return this.sentencePassage.length;
  }

  get passageCount(): number {
    return this.passageGroup.length;
  }

  get groupCount(): number {
    return this.groupStart.length - 1;
  }

  /** Number of distinct terms (stems). */
  get termCount(): number {
    return this.postings.size;
  }

  postingsOf(stem: string): Postings | undefined {
    return this.postings.get(stem);
  }

  hasStem(stem: string): boolean {
    return this.postings.has(stem) || this.groupTerms.has(stem);
  }

  hasWord(word: string): boolean {
    return this.surfaceWords.has(word);
  }

  private lemmaVariants: LemmaVariants | undefined;

  /** Stems of the index's words that share a lemma with `word` ("find" → "found"); built on first use. */
  lemmaStems(word: string): string[] {
    this.lemmaVariants ??= new LemmaVariants(this.surfaceWords.keys());
    return this.lemmaVariants.of(word);
  }

  /** Groups whose description holds the stem. */
  groupsDescribedBy(stem: string): readonly number[] {
    return this.groupTerms.get(stem) ?? [];
  }

  /** Spelling corrections for a word the index has never seen, from its words and the stop words. */
  correct(word: string): Array<{ word: string; distance: number }> {
    return this.fuzzy.correct(word);
  }

  /** BM25 inverse document frequency of a term among sentences. */
  sentenceIdf(postings: Postings): number {
    return bm25Idf(this.sentenceCount, postings.sentences.length);
  }

  /** BM25 inverse document frequency of a term among passages. */
  passageIdf(postings: Postings): number {
    return bm25Idf(this.passageCount, postings.passageCount);
  }
}

type PublicMethods =
  | 'sentenceCount'
  | 'passageCount'
  | 'groupCount'
  | 'termCount'
  | 'postingsOf'
  | 'hasStem'
  | 'hasWord'
  | 'lemmaStems'
  | 'groupsDescribedBy'
  | 'correct'
  | 'sentenceIdf'
  | 'passageIdf';

/** Notes, for a sentence with counts in it, the terms of the words right after each count. */
function recordCounts(
  words: readonly string[],
  terms: Int32Array,
  stems: readonly string[],
  sentenceId: number,
  counted: Map<number, Set<string>>,
): void {
  words.forEach((word, at) => {
    if (!COUNT_WORD.test(word)) return;
    const after = counted.get(sentenceId) ?? new Set<string>();
    for (const term of terms.subarray(at + 1, at + 1 + COUNTED_WINDOW)) after.add(stems[term] as string);
    counted.set(sentenceId, after);
  });
}

export function bm25Idf(total: number, withTerm: number): number {
  return Math.log(1 + (total - withTerm + 0.5) / (withTerm + 0.5));
}

function average(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length === 0 ? 1 : Math.max(1, sum / values.length);
}
