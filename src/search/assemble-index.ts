/**
 * Assembling an index from groups: new parts made by `indexGroup`, and groups of the previous
 * index reused as they are (their arrays copied, ids renumbered). The result is the same arrays
 * a full build of the same groups would make.
 */
import type { GroupPart } from './group-part.js';
import type { GroupSource, IndexData } from './index-data.js';
import { lowerBound } from './postings.js';
import type { TermDictionary } from './term-dictionary.js';

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

export function assembleData(
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
