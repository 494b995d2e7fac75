import { FuzzyVocabulary } from './fuzzy.js';
import { STOP_WORDS } from './stop-words.js';
import { contentTokens } from './text.js';

/** What the index is built from: passages (paragraphs) of sentences, each passage in a group (document). */
export interface PassageInput {
  /** Index of the group (document) the passage belongs to. */
  group: number;
  /** The passage's quotable sentences, in order. Sentence ids are assigned in input order. */
  sentences: readonly string[];
}

/** A number that can answer "how many": digits, but not a year. */
const COUNT = /(?<![\d.,])(?!(?:19|20)\d\d(?![\d,]))\d[\d,.]*%?/;

/** A folded word that is a count, not a year. */
const COUNT_TOKEN = /^(?!(?:19|20)\d\d$)\d+$/;
/** How many words after a count it may be counting ("31 charters", "11,000 public students"). */
const COUNTED_WINDOW = 3;

interface Postings {
  sentences: Int32Array;
  counts: Uint8Array;
  /** How many distinct passages hold the term. */
  passageCount: number;
}

/**
 * An inverted index over sentences, with each sentence's passage and group, built once and
 * read-only afterwards. Terms are Porter stems of non-stop words; the surface words feed the
 * fuse.js spelling correction.
 */
export class SearchIndex {
  readonly sentenceCount: number;
  readonly passageCount: number;
  readonly groupCount: number;
  /** Passage of each sentence. */
  readonly sentencePassage: Int32Array;
  /** Group of each passage. */
  readonly passageGroup: Int32Array;
  readonly sentenceLength: Uint16Array;
  readonly passageLength: Uint32Array;
  /** 1 when the sentence holds a number (for "how many" questions). */
  readonly sentenceHasNumber: Uint8Array;
  /** Per sentence with a count in it, the stems of the words right after each count ("31 charters" → charter). */
  readonly countedStems: ReadonlyMap<number, ReadonlySet<string>>;
  readonly averageSentenceLength: number;
  readonly averagePassageLength: number;
  private readonly postings: Map<string, Postings>;
  private readonly surfaceWords: Set<string>;
  /** Per group, the stems of its description (title, publisher, date…): a question naming the source matches them. */
  private readonly groupTerms: ReadonlyMap<string, readonly number[]>;
  private fuzzy: FuzzyVocabulary | undefined;

  private constructor(fields: {
    sentencePassage: Int32Array;
    passageGroup: Int32Array;
    sentenceLength: Uint16Array;
    passageLength: Uint32Array;
    sentenceHasNumber: Uint8Array;
    postings: Map<string, Postings>;
    surfaceWords: Set<string>;
    groupTerms: Map<string, number[]>;
    countedStems: Map<number, Set<string>>;
    groupCount: number;
  }) {
    this.countedStems = fields.countedStems;
    this.groupTerms = fields.groupTerms;
    this.sentencePassage = fields.sentencePassage;
    this.passageGroup = fields.passageGroup;
    this.sentenceLength = fields.sentenceLength;
    this.passageLength = fields.passageLength;
    this.sentenceHasNumber = fields.sentenceHasNumber;
    this.postings = fields.postings;
    this.surfaceWords = fields.surfaceWords;
    this.sentenceCount = fields.sentencePassage.length;
    this.passageCount = fields.passageGroup.length;
    this.groupCount = fields.groupCount;
    this.averageSentenceLength = average(fields.sentenceLength);
    this.averagePassageLength = average(fields.passageLength);
  }

  /**
   * Indexes the passages' sentences. `groupDescriptions[g]` (optional) describes group g (a
   * document's title, publisher, date): its words count as present throughout the group.
   */
  static build(passages: readonly PassageInput[], groupDescriptions: readonly string[] = []): SearchIndex {
    const lists = new Map<
      string,
      { sentences: number[]; counts: number[]; lastPassage: number; passageCount: number }
    >();
    const surfaceWords = new Set<string>();
    const sentencePassage: number[] = [];
    const sentenceLength: number[] = [];
    const sentenceHasNumber: number[] = [];
    const passageLength = new Uint32Array(passages.length);
    const passageGroup = new Int32Array(passages.length);
    const countedStems = new Map<number, Set<string>>();
    let groupCount = 0;
    passages.forEach((passage, passageId) => {
      passageGroup[passageId] = passage.group;
      groupCount = Math.max(groupCount, passage.group + 1);
      for (const sentence of passage.sentences) {
        const sentenceId = sentencePassage.length;
        const tokens = contentTokens(sentence);
        sentencePassage.push(passageId);
        sentenceLength.push(Math.min(tokens.length, 65_535));
        sentenceHasNumber.push(COUNT.test(sentence) ? 1 : 0);
        passageLength[passageId] = (passageLength[passageId] ?? 0) + tokens.length;
        tokens.forEach((token, at) => {
          if (!COUNT_TOKEN.test(token.word)) return;
          for (const next of tokens.slice(at + 1, at + 1 + COUNTED_WINDOW)) {
            const stems = countedStems.get(sentenceId) ?? new Set<string>();
            stems.add(next.stem);
            countedStems.set(sentenceId, stems);
          }
        });
        const counts = new Map<string, number>();
        for (const token of tokens) {
          counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1);
          surfaceWords.add(token.word);
        }
        for (const [stem, count] of counts) {
          let list = lists.get(stem);
          if (!list) {
            list = { sentences: [], counts: [], lastPassage: -1, passageCount: 0 };
            lists.set(stem, list);
          }
          list.sentences.push(sentenceId);
          list.counts.push(Math.min(count, 255));
          if (list.lastPassage !== passageId) {
            list.lastPassage = passageId;
            list.passageCount++;
          }
        }
      }
    });
    const groupTerms = new Map<string, number[]>();
    groupDescriptions.forEach((description, group) => {
      for (const stem of new Set(contentTokens(description).map((token) => token.stem))) {
        const groups = groupTerms.get(stem) ?? [];
        groups.push(group);
        groupTerms.set(stem, groups);
      }
    });
    const postings = new Map<string, Postings>();
    for (const [stem, list] of lists) {
      postings.set(stem, {
        sentences: Int32Array.from(list.sentences),
        counts: Uint8Array.from(list.counts),
        passageCount: list.passageCount,
      });
    }
    return new SearchIndex({
      sentencePassage: Int32Array.from(sentencePassage),
      passageGroup,
      sentenceLength: Uint16Array.from(sentenceLength),
      passageLength,
      sentenceHasNumber: Uint8Array.from(sentenceHasNumber),
      postings,
      surfaceWords,
      groupTerms,
      countedStems,
      groupCount: Math.max(groupCount, groupDescriptions.length),
    });
  }

  /** Number of distinct terms (stems). */
  get termCount(): number {
    return this.postings.size;
  }

  postingsOf(stem: string): Readonly<Postings> | undefined {
    return this.postings.get(stem);
  }

  hasStem(stem: string): boolean {
    return this.postings.has(stem) || this.groupTerms.has(stem);
  }

  /** Groups whose description holds the stem. */
  groupsDescribedBy(stem: string): readonly number[] {
    return this.groupTerms.get(stem) ?? [];
  }

  hasWord(word: string): boolean {
    return this.surfaceWords.has(word);
  }

  /** Spelling corrections for a word the index has never seen, from its words and the stop words. */
  correct(word: string): Array<{ word: string; distance: number }> {
    this.fuzzy ??= new FuzzyVocabulary([...this.surfaceWords, ...STOP_WORDS]);
    return this.fuzzy.correct(word);
  }

  /** BM25 inverse document frequency of a term among sentences. */
  sentenceIdf(postings: Readonly<Postings>): number {
    return bm25Idf(this.sentenceCount, postings.sentences.length);
  }

  /** BM25 inverse document frequency of a term among passages. */
  passageIdf(postings: Readonly<Postings>): number {
    return bm25Idf(this.passageCount, postings.passageCount);
  }
}

export function bm25Idf(total: number, withTerm: number): number {
  return Math.log(1 + (total - withTerm + 0.5) / (withTerm + 0.5));
}

function average(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length === 0 ? 1 : Math.max(1, sum / values.length);
}
