import { assembleData } from './assemble-index.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { indexGroup } from './group-part.js';
import { checkData, type GroupSource, type IndexData } from './index-data.js';
import { LemmaVariants } from './lemmas.js';
import { lowerBound, type Postings, sentenceFrequency } from './postings.js';
import { STOP_WORDS } from './stop-words.js';
import { TermDictionary } from './term-dictionary.js';
import { type NeighbourStem, neighbourStems } from './word-neighbours.js';

export type { GroupSource, IndexData } from './index-data.js';

export type { NeighbourStem } from './word-neighbours.js';

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

/**
 * Statistics of a whole library for an index of part of it (the PostgreSQL store indexes the
 * sources a question touches): BM25's counts, averages and document frequencies then come from
 * the library, so scores are those of an index of the whole library.
 */
export interface LibraryStatistics {
  sentences: number;
  passages: number;
  averageSentenceLength: number;
  averagePassageLength: number;
  /** Sentences and passages of the library holding the stem; undefined when none does. */
  frequency(stem: string): { sentences: number; passages: number } | undefined;
}

/** Per sentence with a count in it, the stems of the words right after each count. */
export interface CountedStems {
  get(sentence: number): ReadonlySet<string> | undefined;
}

/**
 * An inverted index over sentences, with each sentence's passage and group, read-only once
 * built. Terms are Porter stems of non-stop words; the surface words feed the fuse.js spelling
 * correction. Sentences of a passage, and passages of a group, have consecutive ids, so "does
 * the term occur in this paragraph / document" is a range lookup.
 *
 * Each group (document) is indexed on its own (`indexGroup`) and the parts are assembled into
 * flat arrays; an update re-indexes only the changed groups and copies the others' ranges from
 * the previous index (`assemble`), which yields exactly the arrays a full build would.
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
  readonly countedStems: CountedStems;
  readonly averageSentenceLength: number;
  readonly averagePassageLength: number;
  readonly dictionary: TermDictionary;
  private readonly data: IndexData;
  private distinctTerms: number | undefined;
  private readonly postingsCache: Array<Postings | undefined>;
  /** Per stem, the groups whose description (title, publisher, year…) holds it. */
  private readonly groupTerms: ReadonlyMap<string, readonly number[]>;
  private fuzzy: FuzzyVocabulary | undefined;
  private readonly library: LibraryStatistics | undefined;

  private constructor(data: IndexData, library?: LibraryStatistics) {
    this.library = library;
    this.data = data;
    this.dictionary = data.dictionary;
    this.sentencePassage = data.sentencePassage;
    this.passageGroup = data.passageGroup;
    this.passageStart = data.passageStart;
    this.groupStart = data.groupStart;
    this.sentenceLength = data.sentenceLength;
    this.passageLength = data.passageLength;
    this.sentenceHasNumber = data.sentenceHasNumber;
    this.countedStems = countedStemsOf(data);
    this.averageSentenceLength = library?.averageSentenceLength ?? average(data.sentenceLength);
    this.averagePassageLength = library?.averagePassageLength ?? average(data.passageLength);
    this.postingsCache = new Array(data.termLimit);
    const groupTerms = new Map<string, number[]>();
    for (let group = 0; group + 1 < data.groupDescribedStart.length; group++) {
      const end = data.groupDescribedStart[group + 1] as number;
      for (let at = data.groupDescribedStart[group] as number; at < end; at++) {
        const stem = data.dictionary.stems[data.groupDescribedTerms[at] as number] as string;
        const groups = groupTerms.get(stem);
        if (groups) groups.push(group);
        else groupTerms.set(stem, [group]);
      }
    }
    this.groupTerms = groupTerms;
  }

  /**
   * Indexes the passages' sentences. `groupDescriptions[g]` (optional) describes group g (a
   * document's title, publisher, year): its words count as present throughout the group.
   * Throws when a group's passages are not consecutive.
   */
  static build(passages: readonly PassageInput[], groupDescriptions: readonly string[] = []): SearchIndex {
    const byGroup: Array<Array<readonly string[]>> = [];
    passages.forEach((passage, passageId) => {
      if (passage.group < byGroup.length - 1) {
        throw new Error(`passages of group ${passage.group} are not consecutive (passage ${passageId})`);
      }
      while (byGroup.length <= passage.group) byGroup.push([]);
      (byGroup[passage.group] as Array<readonly string[]>).push(passage.sentences);
    });
    while (byGroup.length < groupDescriptions.length) byGroup.push([]);
    const dictionary = new TermDictionary();
    return SearchIndex.assemble(
      dictionary,
      byGroup.map((groupPassages, group) => indexGroup(dictionary, groupPassages, groupDescriptions[group])),
    );
  }

  /**
   * The index of `groups`, in order: parts made by `indexGroup` with `dictionary`, or groups of
   * `previous` (built with the same dictionary) reused as they are. Reused groups must keep their
   * relative order. The result is the same as indexing every group afresh, in far less time when
   * most groups are reused: their postings are copied, never re-read from text.
   */
  static assemble(
    dictionary: TermDictionary,
    groups: readonly GroupSource[],
    previous?: SearchIndex,
  ): SearchIndex {
    if (previous && isUnchanged(groups, previous, dictionary)) return previous;
    return new SearchIndex(assembleData(dictionary, groups, previous?.data));
  }

  /** An index from saved arrays (see `toData`); throws when they do not fit together. */
  static fromData(data: IndexData): SearchIndex {
    checkData(data);
    return new SearchIndex(data);
  }

  /**
   * This index scored as part of a larger library: the same sentences, with the library's BM25
   * statistics (see LibraryStatistics).
   */
  withLibrary(library: LibraryStatistics): SearchIndex {
    return new SearchIndex(this.data, library);
  }

  /** Sentences of the library BM25 counts: the index's own unless it is part of a library. */
  get librarySentenceCount(): number {
    return this.library?.sentences ?? this.sentenceCount;
  }

  /** Passages of the library BM25 counts: the index's own unless it is part of a library. */
  get libraryPassageCount(): number {
    return this.library?.passages ?? this.passageCount;
  }

  /** The arrays this index is made of, for saving. Shared, not copied: do not modify them. */
  toData(): Readonly<IndexData> {
    return this.data;
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

  /** Number of distinct terms (stems) in sentences. */
  get termCount(): number {
    if (this.distinctTerms === undefined) {
      let count = 0;
      for (let term = 0; term < this.data.termLimit; term++)
        if ((this.data.termStart[term + 1] as number) > (this.data.termStart[term] as number)) count++;
      this.distinctTerms = count;
    }
    return this.distinctTerms;
  }

  postingsOf(stem: string): Postings | undefined {
    const own = this.ownPostingsOf(stem);
    if (!this.library) return own;
    // Part of a library: frequencies are the library's, and a stem the library holds elsewhere
    // has (empty) postings here, as it would in an index of the whole library.
    const frequency = this.library.frequency(stem);
    if (!frequency || frequency.sentences === 0) return undefined;
    return {
      sentences: own?.sentences ?? EMPTY_SENTENCES,
      counts: own?.counts ?? EMPTY_COUNTS,
      passageCount: frequency.passages,
      sentenceFrequency: frequency.sentences,
    };
  }

  private ownPostingsOf(stem: string): Postings | undefined {
    const term = this.dictionary.termOfStem(stem);
    if (term === undefined || term >= this.data.termLimit) return undefined;
    let postings = this.postingsCache[term];
    if (!postings) {
      const start = this.data.termStart[term] as number;
      const end = this.data.termStart[term + 1] as number;
      if (end === start) return undefined;
      postings = {
        sentences: this.data.postingSentences.subarray(start, end),
        counts: this.data.postingCounts.subarray(start, end),
        passageCount: this.data.termPassages[term] as number,
      };
      this.postingsCache[term] = postings;
    }
    return postings;
  }

  hasStem(stem: string): boolean {
    return this.postingsOf(stem) !== undefined || this.groupTerms.has(stem);
  }

  hasWord(word: string): boolean {
    const id = this.dictionary.wordId(word);
    return id !== undefined && id < this.data.wordLimit && (this.data.wordGroups[id] as number) > 0;
  }

  /** Groups whose description holds the stem. */
  groupsDescribedBy(stem: string): readonly number[] {
    return this.groupTerms.get(stem) ?? [];
  }

  /** Spelling corrections for a word the index has never seen, from its words and the stop words. */
  correct(word: string): Array<{ word: string; distance: number }> {
    this.fuzzy ??= new FuzzyVocabulary([
      {
        [Symbol.iterator]: () => this.wordsInOrder()[Symbol.iterator](),
        has: (known) => this.hasWord(known),
      },
      STOP_WORDS,
    ]);
    return this.fuzzy.correct(word);
  }

  private lemmaVariants: LemmaVariants | undefined;

  /** Stems of the index's words that share a lemma with `word` ("find" → "found"); built on first use. */
  lemmaStems(word: string): string[] {
    this.lemmaVariants ??= new LemmaVariants(this.wordsInOrder());
    return this.lemmaVariants.of(word);
  }

  /**
   * Stems of the index's words closest in meaning to `word` (by the word-neighbour table, cosine ≥
   * `least`), closest first, at most `limit`; none for a word outside the table.
   */
  similarStems(word: string, least: number, limit: number): NeighbourStem[] {
    return neighbourStems(word, least, limit, (stem) => this.hasStem(stem));
  }

  /** BM25 inverse document frequency of a term among sentences. */
  sentenceIdf(postings: Postings): number {
    return bm25Idf(this.librarySentenceCount, sentenceFrequency(postings));
  }

  /** BM25 inverse document frequency of a term among passages. */
  passageIdf(postings: Postings): number {
    return bm25Idf(this.libraryPassageCount, postings.passageCount);
  }

  /** The corpus's words in order of first occurrence (the order the spelling correction breaks ties in). */
  private wordsInOrder(): string[] {
    const seen = new Uint8Array(this.data.wordLimit);
    const ordered: string[] = [];
    for (const word of this.data.groupWords) {
      if (seen[word] === 1) continue;
      seen[word] = 1;
      ordered.push(this.dictionary.words[word] as string);
    }
    return ordered;
  }
}

/** True when `groups` are exactly the previous index's groups, in order: nothing to assemble. */
function isUnchanged(
  groups: readonly GroupSource[],
  previous: SearchIndex,
  dictionary: TermDictionary,
): boolean {
  return (
    previous.dictionary === dictionary &&
    groups.length === previous.groupCount &&
    groups.every((source, group) => 'previousGroup' in source && source.previousGroup === group)
  );
}

const EMPTY_SENTENCES = new Int32Array(0);
const EMPTY_COUNTS = new Uint8Array(0);

export function bm25Idf(total: number, withTerm: number): number {
  return Math.log(1 + (total - withTerm + 0.5) / (withTerm + 0.5));
}

function average(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length === 0 ? 1 : Math.max(1, sum / values.length);
}

/** Sets of counted stems, made on first look-up from the flat arrays. */
function countedStemsOf(data: IndexData): CountedStems {
  const made = new Map<number, ReadonlySet<string>>();
  return {
    get(sentence) {
      const known = made.get(sentence);
      if (known) return known;
      const at = lowerBound(data.countedSentences, sentence);
      if (data.countedSentences[at] !== sentence) return undefined;
      const stems = new Set<string>();
      for (let i = data.countedStart[at] as number; i < (data.countedStart[at + 1] as number); i++)
        stems.add(data.dictionary.stems[data.countedTerms[i] as number] as string);
      made.set(sentence, stems);
      return stems;
    },
  };
}
