import { FuzzyVocabulary } from './fuzzy.js';
import { type GroupPart, indexGroup } from './group-part.js';
import { LemmaVariants } from './lemmas.js';
import type { Postings } from './postings.js';
import { STOP_WORDS } from './stop-words.js';
import { TermDictionary } from './term-dictionary.js';

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

/** Where a group of a new index comes from: freshly indexed, or group `previousGroup` of the previous index. */
export type GroupSource = GroupPart | { previousGroup: number };

/** Per sentence with a count in it, the stems of the words right after each count. */
export interface CountedStems {
  get(sentence: number): ReadonlySet<string> | undefined;
}

/**
 * Everything an index is made of, as flat arrays: what a snapshot saves and restores. Postings
 * are one array per field, term after term: term t's entries are `termStart[t]..termStart[t+1]`.
 */
export interface IndexData {
  dictionary: TermDictionary;
  /** Terms and words of the dictionary this index knows (ids at or above are not in it). */
  termLimit: number;
  wordLimit: number;
  termStart: Int32Array;
  postingSentences: Int32Array;
  postingCounts: Uint8Array;
  /** Per term, how many distinct passages hold it. */
  termPassages: Int32Array;
  sentencePassage: Int32Array;
  passageGroup: Int32Array;
  passageStart: Int32Array;
  groupStart: Int32Array;
  sentenceLength: Uint16Array;
  passageLength: Uint32Array;
  sentenceHasNumber: Uint8Array;
  countedSentences: Int32Array;
  countedStart: Int32Array;
  countedTerms: Int32Array;
  /** Per group, its word ids in order of first occurrence (`groupWordStart` delimits groups). */
  groupWordStart: Int32Array;
  groupWords: Int32Array;
  /** Per word id, how many groups hold the word (0: it left the corpus, or is not in this index). */
  wordGroups: Int32Array;
  /** Per group, the term ids of its description's stems. */
  groupDescribedStart: Int32Array;
  groupDescribedTerms: Int32Array;
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

  private constructor(data: IndexData) {
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
    this.averageSentenceLength = average(data.sentenceLength);
    this.averagePassageLength = average(data.passageLength);
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

  /** BM25 inverse document frequency of a term among sentences. */
  sentenceIdf(postings: Postings): number {
    return bm25Idf(this.sentenceCount, postings.sentences.length);
  }

  /** BM25 inverse document frequency of a term among passages. */
  passageIdf(postings: Postings): number {
    return bm25Idf(this.passageCount, postings.passageCount);
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

function lowerBound(sorted: Int32Array, value: number, from = 0, to = sorted.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sizes of one group of the new index and where its pieces come from. */
interface GroupPlan {
  part: GroupPart | undefined;
  /** For a reused group: its number, first sentence and first passage in the previous index. */
  previousGroup: number;
  previousSentence: number;
  previousPassage: number;
  sentences: number;
  passages: number;
}

function assembleData(
  dictionary: TermDictionary,
  groups: readonly GroupSource[],
  previous: IndexData | undefined,
): IndexData {
  if (previous && previous.dictionary !== dictionary)
    throw new Error('assemble: the previous index was built with another dictionary');
  const plans: GroupPlan[] = [];
  let lastReused = -1;
  for (const source of groups) {
    if ('previousGroup' in source) {
      const group = source.previousGroup;
      if (!previous || group < 0 || group + 1 >= previous.groupStart.length)
        throw new Error(`assemble: the previous index has no group ${group}`);
      if (group <= lastReused) throw new Error('assemble: reused groups must keep their order');
      lastReused = group;
      const firstSentence = previous.groupStart[group] as number;
      const endSentence = previous.groupStart[group + 1] as number;
      const firstPassage = lowerBound(previous.passageGroup, group);
      const endPassage = lowerBound(previous.passageGroup, group + 1);
      plans.push({
        part: undefined,
        previousGroup: group,
        previousSentence: firstSentence,
        previousPassage: firstPassage,
        sentences: endSentence - firstSentence,
        passages: endPassage - firstPassage,
      });
    } else {
      plans.push({
        part: source,
        previousGroup: -1,
        previousSentence: -1,
        previousPassage: -1,
        sentences: source.sentenceLength.length,
        passages: source.passageLength.length,
      });
    }
  }
  const groupStart = new Int32Array(plans.length + 1);
  const groupPassageStart = new Int32Array(plans.length + 1);
  plans.forEach((plan, group) => {
    groupStart[group + 1] = (groupStart[group] as number) + plan.sentences;
    groupPassageStart[group + 1] = (groupPassageStart[group] as number) + plan.passages;
  });
  const sentenceCount = groupStart[plans.length] as number;
  const passageCount = groupPassageStart[plans.length] as number;

  const sentencePassage = new Int32Array(sentenceCount);
  const sentenceLength = new Uint16Array(sentenceCount);
  const sentenceHasNumber = new Uint8Array(sentenceCount);
  const passageGroup = new Int32Array(passageCount);
  const passageStart = new Int32Array(passageCount + 1);
  const passageLength = new Uint32Array(passageCount);
  /** Previous sentence id → its id in the new index, or -1 when its group was replaced or removed. */
  const remap = previous ? new Int32Array(previous.sentencePassage.length).fill(-1) : undefined;
  let wordTotal = 0;
  for (const plan of plans) {
    wordTotal += plan.part
      ? plan.part.words.length
      : (previous?.groupWordStart[plan.previousGroup + 1] as number) -
        (previous?.groupWordStart[plan.previousGroup] as number);
  }
  const counted = new FlatLists();
  const words = new FlatLists(wordTotal);
  const described = new FlatLists();
  plans.forEach((plan, group) => {
    const sentenceBase = groupStart[group] as number;
    const passageBase = groupPassageStart[group] as number;
    passageGroup.fill(group, passageBase, passageBase + plan.passages);
    const { part } = plan;
    if (part) {
      sentenceLength.set(part.sentenceLength, sentenceBase);
      sentenceHasNumber.set(part.sentenceHasNumber, sentenceBase);
      passageLength.set(part.passageLength, passageBase);
      for (let p = 0; p < plan.passages; p++) {
        const first = (part.passageStart[p] as number) + sentenceBase;
        const end = (part.passageStart[p + 1] as number) + sentenceBase;
        passageStart[passageBase + p] = first;
        sentencePassage.fill(passageBase + p, first, end);
      }
      for (let c = 0; c < part.countedSentences.length; c++) {
        counted.add(
          (part.countedSentences[c] as number) + sentenceBase,
          part.countedTerms.subarray(part.countedStart[c], part.countedStart[c + 1]),
        );
      }
      words.add(group, part.words);
      described.add(group, part.describedTerms);
      return;
    }
    const old = previous as IndexData;
    const oldSentence = plan.previousSentence;
    const oldPassage = plan.previousPassage;
    const oldGroup = plan.previousGroup;
    sentenceLength.set(old.sentenceLength.subarray(oldSentence, oldSentence + plan.sentences), sentenceBase);
    sentenceHasNumber.set(
      old.sentenceHasNumber.subarray(oldSentence, oldSentence + plan.sentences),
      sentenceBase,
    );
    passageLength.set(old.passageLength.subarray(oldPassage, oldPassage + plan.passages), passageBase);
    for (let p = 0; p < plan.passages; p++)
      passageStart[passageBase + p] =
        (old.passageStart[oldPassage + p] as number) - oldSentence + sentenceBase;
    for (let s = 0; s < plan.sentences; s++) {
      sentencePassage[sentenceBase + s] =
        (old.sentencePassage[oldSentence + s] as number) - oldPassage + passageBase;
      (remap as Int32Array)[oldSentence + s] = sentenceBase + s;
    }
    const countedEnd = lowerBound(old.countedSentences, oldSentence + plan.sentences);
    for (let c = lowerBound(old.countedSentences, oldSentence); c < countedEnd; c++) {
      counted.add(
        (old.countedSentences[c] as number) - oldSentence + sentenceBase,
        old.countedTerms.subarray(old.countedStart[c], old.countedStart[c + 1]),
      );
    }
    words.add(group, old.groupWords.subarray(old.groupWordStart[oldGroup], old.groupWordStart[oldGroup + 1]));
    described.add(
      group,
      old.groupDescribedTerms.subarray(
        old.groupDescribedStart[oldGroup],
        old.groupDescribedStart[oldGroup + 1],
      ),
    );
  });
  passageStart[passageCount] = sentenceCount;

  const wordGroups = countWordGroups(dictionary.wordCount, plans, previous);
  const postings = assemblePostings(
    dictionary.termCount,
    plans,
    groupStart,
    sentencePassage,
    previous,
    remap,
  );
  const countedLists = counted.finish();
  const wordLists = words.finish();
  const describedLists = described.finish();
  return {
    dictionary,
    termLimit: dictionary.termCount,
    wordLimit: dictionary.wordCount,
    ...postings,
    sentencePassage,
    passageGroup,
    passageStart,
    groupStart,
    sentenceLength,
    passageLength,
    sentenceHasNumber,
    countedSentences: countedLists.keys,
    countedStart: countedLists.start,
    countedTerms: countedLists.values,
    groupWordStart: padStarts(wordLists, plans.length),
    groupWords: wordLists.values,
    wordGroups,
    groupDescribedStart: padStarts(describedLists, plans.length),
    groupDescribedTerms: describedLists.values,
  };
}

/**
 * The postings of the new index, term by term: the previous index's entries of reused groups
 * (renumbered; they stay ascending because reused groups keep their order) merged with the new
 * parts' entries. Each term's passage count is recounted over its sentences.
 */
function assemblePostings(
  termLimit: number,
  plans: readonly GroupPlan[],
  groupStart: Int32Array,
  sentencePassage: Int32Array,
  previous: IndexData | undefined,
  remap: Int32Array | undefined,
): Pick<IndexData, 'termStart' | 'postingSentences' | 'postingCounts' | 'termPassages'> {
  // The new parts' entries, gathered per term in group order (so ascending).
  const freshStart = new Int32Array(termLimit + 1);
  plans.forEach(({ part }) => {
    if (!part) return;
    part.terms.forEach((term, at) => {
      freshStart[term + 1] =
        (freshStart[term + 1] as number) +
        (part.termStart[at + 1] as number) -
        (part.termStart[at] as number);
    });
  });
  for (let term = 0; term < termLimit; term++)
    freshStart[term + 1] = (freshStart[term + 1] as number) + (freshStart[term] as number);
  const freshTotal = freshStart[termLimit] as number;
  const freshSentences = new Int32Array(freshTotal);
  const freshCounts = new Uint8Array(freshTotal);
  const cursor = freshStart.slice(0, termLimit);
  plans.forEach(({ part }, group) => {
    if (!part) return;
    const base = groupStart[group] as number;
    part.terms.forEach((term, at) => {
      let write = cursor[term] as number;
      for (let i = part.termStart[at] as number; i < (part.termStart[at + 1] as number); i++, write++) {
        freshSentences[write] = (part.postingSentences[i] as number) + base;
        freshCounts[write] = part.postingCounts[i] as number;
      }
      cursor[term] = write;
    });
  });

  if (!previous || !remap) {
    return {
      termStart: freshStart,
      postingSentences: freshSentences,
      postingCounts: freshCounts,
      termPassages: countPassages(termLimit, freshStart, freshSentences, sentencePassage),
    };
  }
  const fresh = { start: freshStart, sentences: freshSentences, counts: freshCounts };
  const runs = reusedRuns(plans, groupStart);
  return runs.length <= MAX_RUNS_FOR_COPYING
    ? copyRuns(termLimit, runs, fresh, sentencePassage, previous)
    : remapEntries(termLimit, remap, fresh, sentencePassage, previous);
}

interface FreshPostings {
  start: Int32Array;
  sentences: Int32Array;
  counts: Uint8Array;
}

/** A stretch of reused groups that are consecutive in both indexes: their sentences move by one offset. */
interface Run {
  oldFirst: number;
  oldEnd: number;
  newFirst: number;
}

/**
 * Few runs (a few files changed): each term's entries are found per run by binary search and
 * copied in blocks, so the cost is the copying, not a look at every entry. Many runs: every entry
 * is renumbered on its own, which is cheaper than a binary search per run and term.
 */
const MAX_RUNS_FOR_COPYING = 64;

function reusedRuns(plans: readonly GroupPlan[], groupStart: Int32Array): Run[] {
  const runs: Run[] = [];
  plans.forEach((plan, group) => {
    if (plan.part) return;
    const newFirst = groupStart[group] as number;
    const last = runs[runs.length - 1];
    if (
      last &&
      last.oldEnd === plan.previousSentence &&
      last.newFirst + (last.oldEnd - last.oldFirst) === newFirst
    ) {
      last.oldEnd += plan.sentences;
      return;
    }
    runs.push({ oldFirst: plan.previousSentence, oldEnd: plan.previousSentence + plan.sentences, newFirst });
  });
  return runs.filter((run) => run.oldEnd > run.oldFirst);
}

function copyRuns(
  termLimit: number,
  runs: readonly Run[],
  fresh: FreshPostings,
  sentencePassage: Int32Array,
  previous: IndexData,
): Pick<IndexData, 'termStart' | 'postingSentences' | 'postingCounts' | 'termPassages'> {
  const oldLimit = previous.termLimit;
  const oldStart = previous.termStart;
  const oldSentences = previous.postingSentences;
  const oldCounts = previous.postingCounts;
  // Terms are written one after another, so each one's start is where the previous one ended;
  // the arrays are sized for every entry kept at most, and cut to what was written.
  const capacity = oldSentences.length + fresh.sentences.length;
  const postingSentences = new Int32Array(capacity);
  const postingCounts = new Uint8Array(capacity);
  const termStart = new Int32Array(termLimit + 1);
  const termPassages = new Int32Array(termLimit);
  let write = 0;
  for (let term = 0; term < termLimit; term++) {
    termStart[term] = write;
    let next = fresh.start[term] as number;
    const freshEnd = fresh.start[term + 1] as number;
    let kept = 0;
    let oldLength = 0;
    if (term < oldLimit) {
      const from = oldStart[term] as number;
      const to = oldStart[term + 1] as number;
      oldLength = to - from;
      let at = from;
      for (const run of runs) {
        if (at === to) break;
        const first = lowerBound(oldSentences, run.oldFirst, at, to);
        at = lowerBound(oldSentences, run.oldEnd, first, to);
        if (first === at) continue;
        while (next < freshEnd && (fresh.sentences[next] as number) < run.newFirst) {
          postingSentences[write] = fresh.sentences[next] as number;
          postingCounts[write++] = fresh.counts[next++] as number;
        }
        const shift = run.newFirst - run.oldFirst;
        if (shift === 0) postingSentences.set(oldSentences.subarray(first, at), write);
        else
          for (let i = first; i < at; i++)
            postingSentences[write + i - first] = (oldSentences[i] as number) + shift;
        postingCounts.set(oldCounts.subarray(first, at), write);
        write += at - first;
        kept += at - first;
      }
    }
    const added = freshEnd - (fresh.start[term] as number);
    while (next < freshEnd) {
      postingSentences[write] = fresh.sentences[next] as number;
      postingCounts[write++] = fresh.counts[next++] as number;
    }
    // Renumbered entries keep their passages apart; only a term that lost or gained some is recounted.
    termPassages[term] =
      kept === oldLength && added === 0 && term < oldLimit
        ? (previous.termPassages[term] as number)
        : countPassagesOf(postingSentences, termStart[term] as number, write, sentencePassage);
  }
  termStart[termLimit] = write;
  return {
    termStart,
    postingSentences: postingSentences.subarray(0, write),
    postingCounts: postingCounts.subarray(0, write),
    termPassages,
  };
}

function remapEntries(
  termLimit: number,
  remap: Int32Array,
  fresh: FreshPostings,
  sentencePassage: Int32Array,
  previous: IndexData,
): Pick<IndexData, 'termStart' | 'postingSentences' | 'postingCounts' | 'termPassages'> {
  const oldLimit = previous.termLimit;
  const termStart = new Int32Array(termLimit + 1);
  for (let term = 0; term < termLimit; term++) {
    let kept = 0;
    if (term < oldLimit) {
      const end = previous.termStart[term + 1] as number;
      for (let i = previous.termStart[term] as number; i < end; i++)
        if ((remap[previous.postingSentences[i] as number] as number) >= 0) kept++;
    }
    termStart[term + 1] =
      (termStart[term] as number) + kept + (fresh.start[term + 1] as number) - (fresh.start[term] as number);
  }
  const total = termStart[termLimit] as number;
  const postingSentences = new Int32Array(total);
  const postingCounts = new Uint8Array(total);
  for (let term = 0; term < termLimit; term++) {
    let write = termStart[term] as number;
    let next = fresh.start[term] as number;
    const freshEnd = fresh.start[term + 1] as number;
    if (term < oldLimit) {
      const end = previous.termStart[term + 1] as number;
      for (let i = previous.termStart[term] as number; i < end; i++) {
        const sentence = remap[previous.postingSentences[i] as number] as number;
        if (sentence < 0) continue;
        while (next < freshEnd && (fresh.sentences[next] as number) < sentence) {
          postingSentences[write] = fresh.sentences[next] as number;
          postingCounts[write++] = fresh.counts[next++] as number;
        }
        postingSentences[write] = sentence;
        postingCounts[write++] = previous.postingCounts[i] as number;
      }
    }
    while (next < freshEnd) {
      postingSentences[write] = fresh.sentences[next] as number;
      postingCounts[write++] = fresh.counts[next++] as number;
    }
  }
  const termPassages = countPassages(termLimit, termStart, postingSentences, sentencePassage);
  return { termStart, postingSentences, postingCounts, termPassages };
}

/** Per term, the distinct passages among its sentences. */
function countPassages(
  termLimit: number,
  termStart: Int32Array,
  postingSentences: Int32Array,
  sentencePassage: Int32Array,
): Int32Array {
  const termPassages = new Int32Array(termLimit);
  for (let term = 0; term < termLimit; term++)
    termPassages[term] = countPassagesOf(
      postingSentences,
      termStart[term] as number,
      termStart[term + 1] as number,
      sentencePassage,
    );
  return termPassages;
}

/** Distinct passages among the (ascending) sentences at `from..to`. */
function countPassagesOf(
  sentences: Int32Array,
  from: number,
  to: number,
  sentencePassage: Int32Array,
): number {
  let passages = 0;
  let last = -1;
  for (let i = from; i < to; i++) {
    const passage = sentencePassage[sentences[i] as number] as number;
    if (passage !== last) {
      passages++;
      last = passage;
    }
  }
  return passages;
}

/**
 * How many groups hold each word: the previous counts, less the groups not reused, plus the new
 * parts. A full build counts every part.
 */
function countWordGroups(
  wordLimit: number,
  plans: readonly GroupPlan[],
  previous: IndexData | undefined,
): Int32Array {
  const counts = new Int32Array(wordLimit);
  const reused = new Set<number>();
  if (previous) {
    counts.set(previous.wordGroups.subarray(0, Math.min(wordLimit, previous.wordGroups.length)));
    for (const plan of plans) if (!plan.part) reused.add(plan.previousGroup);
    for (let group = 0; group + 1 < previous.groupWordStart.length; group++) {
      if (reused.has(group)) continue;
      const end = previous.groupWordStart[group + 1] as number;
      for (let at = previous.groupWordStart[group] as number; at < end; at++)
        counts[previous.groupWords[at] as number] = (counts[previous.groupWords[at] as number] as number) - 1;
    }
  }
  for (const { part } of plans) {
    if (!part) continue;
    for (const word of part.words) counts[word] = (counts[word] as number) + 1;
  }
  return counts;
}

/** Lists of ints keyed by ascending keys, stored flat: keys, starts, values. */
class FlatLists {
  private keys: number[] = [];
  private starts: number[] = [0];
  private values: Int32Array;
  private length = 0;

  /** `capacity`: the values expected in all, when known (no growing, no copy at the end). */
  constructor(capacity = 1024) {
    this.values = new Int32Array(capacity);
  }

  add(key: number, values: ArrayLike<number>): void {
    if (this.length + values.length > this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, this.length + values.length));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    this.values.set(values, this.length);
    this.length += values.length;
    this.keys.push(key);
    this.starts.push(this.length);
  }

  finish(): { keys: Int32Array; start: Int32Array; values: Int32Array } {
    return {
      keys: Int32Array.from(this.keys),
      start: Int32Array.from(this.starts),
      values: this.length === this.values.length ? this.values : this.values.slice(0, this.length),
    };
  }
}

/** Starts per group, when every group 0..count-1 was added once, in order. */
function padStarts(lists: { keys: Int32Array; start: Int32Array }, count: number): Int32Array {
  if (lists.keys.length !== count) throw new Error('assemble: a group is missing its lists');
  return lists.start;
}

/** Throws when saved arrays do not describe one consistent index. */
function checkData(data: IndexData): void {
  const fail = (what: string) => {
    throw new Error(`index data does not fit together: ${what}`);
  };
  const sentences = data.sentencePassage.length;
  const passages = data.passageGroup.length;
  const groups = data.groupStart.length - 1;
  if (data.termLimit > data.dictionary.termCount || data.wordLimit > data.dictionary.wordCount)
    fail('ids beyond the dictionary');
  if (data.termStart.length !== data.termLimit + 1 || data.termPassages.length !== data.termLimit)
    fail('term tables');
  const postings = data.termStart[data.termLimit] as number;
  if (data.postingSentences.length !== postings || data.postingCounts.length !== postings) fail('postings');
  if (data.sentenceLength.length !== sentences || data.sentenceHasNumber.length !== sentences)
    fail('sentence tables');
  if (data.passageStart.length !== passages + 1 || data.passageLength.length !== passages)
    fail('passage tables');
  if (groups < 0 || data.groupStart[groups] !== sentences || data.passageStart[passages] !== sentences)
    fail('group tables');
  if (data.groupWordStart.length !== groups + 1 || data.groupDescribedStart.length !== groups + 1)
    fail('group word tables');
  if (data.countedStart.length !== data.countedSentences.length + 1) fail('counted tables');
  if (data.wordGroups.length !== data.wordLimit) fail('word counts');
  // Only the small id lists are checked here; the large arrays (postings, per-group words) are
  // covered by the snapshot's checksum (looking at 68M entries at 1M passages costs a second).
  for (const term of data.groupDescribedTerms) if (term >= data.termLimit) fail('described term ids');
  for (const term of data.countedTerms) if (term >= data.termLimit) fail('counted term ids');
  if (passages > 0 && (data.passageGroup[passages - 1] as number) >= groups) fail('group ids');
}
