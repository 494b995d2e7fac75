import type { GroupPart } from './group-part.js';
import type { TermDictionary } from './term-dictionary.js';

/** Where a group of a new index comes from: freshly indexed, or group `previousGroup` of the previous index. */
export type GroupSource = GroupPart | { previousGroup: number };

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

/** Throws when saved arrays do not describe one consistent index. */
export function checkData(data: IndexData): void {
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
