import { countInRange, lowerBound, occursInRange, type Postings, sentenceFrequency } from './postings.js';
import type { AnalyzedQuery } from './query.js';
import type { SearchIndex } from './search-index.js';

/** First-stage ranking settings: BM25 and coverage; the answer model reorders its best hits. */
export const RANK_DEFAULTS = Object.freeze({
  /** BM25 term-frequency saturation. */
  k1: 1.2,
  /** BM25 length normalisation. */
  b: 0.75,
  /** Weight of the paragraph's BM25 score beside the sentence's own. */
  passageWeight: 0.5,
  /** How much a concept found only elsewhere in the paragraph, or only in the document, counts for coverage. */
  passageCoverage: 0.7,
  groupCoverage: 0.45,
  /** Ranking score = BM25 × coverage^coveragePower: how strongly a partial answer is held back. */
  coveragePower: 2,
  /** Multiplier for sentences holding a number when the question asks "how many". */
  numberBoost: 1.3,
  /** Further multiplier when that number counts a thing the question names ("31 charters"). */
  countedBoost: 1.5,
  /** Importance of a word the sources never use, relative to the rarest word they do use. */
  unknownWordWeight: 1.25,
  /**
   * Candidate sentences come from the posting lists of terms in at most this share of sentences
   * (and at least `rareTermMinimum` of them); commoner terms are only looked up in candidates.
   * On a small corpus every term is "rare" and every matching sentence is scored.
   */
  rareTermShare: 0.002,
  rareTermMinimum: 1000,
  /** How many candidates, best on their own words, get the full score (paragraph and document too). */
  shortlist: 400,
  /** How many sentences to return, best first (the reranker reorders them). */
  limit: 40,
});

export type RankOptions = { readonly [K in keyof typeof RANK_DEFAULTS]: number };

/** A sentence that matches the question. */
export interface SentenceHit {
  sentence: number;
  passage: number;
  group: number;
  /** Ranking score: BM25 of the sentence and its paragraph, scaled by coverage. */
  score: number;
  /** Share of the question's meaning found in the sentence (1), its paragraph or its document (partly), in [0, 1]. */
  coverage: number;
  /** The sentence's own BM25 score and its paragraph's, each concept counted once. */
  ownScore: number;
  passageScore: number;
  /** Shares of the question's meaning (by importance) found in the sentence, its paragraph, its document. */
  ownCoverage: number;
  passageCoverage: number;
  groupCoverage: number;
  /** The sum of the concepts' importance (BM25 idf among paragraphs), to make scores comparable across questions. */
  totalImportance: number;
}

export interface Ranking {
  hits: SentenceHit[];
  /** Every candidate sentence holding a question word, with its own BM25 score (for widening a quote). */
  sentenceScores: Map<number, number>;
  /** Per group (document), the best coverage of any of its candidate sentences: how close it came. */
  groupCoverage: Map<number, number>;
  /** Per concept of the query, its importance (0 for optional concepts). */
  importance: Float64Array;
  /** Per concept, true when no form of it occurs anywhere in the index. */
  absent: boolean[];
}

interface Variant {
  concept: number;
  weight: number;
  /** How much the form counts as the concept for coverage (its weight unless said otherwise). */
  coverage: number;
  /** Scores only the candidates other forms bring in (a word neighbour of a word the index has). */
  scoresOnly: boolean;
  postings: Postings;
  sentenceIdf: number;
  passageIdf: number;
}

/**
 * Scores sentences that hold a form of a question word: BM25 over the sentence plus part of its
 * paragraph's BM25, each concept counted once (its best form), times coverage squared, so a
 * sentence that answers all of the question beats one that repeats a single word.
 *
 * Cost: candidates come from the posting lists of rare terms only; common terms (and synonyms of
 * common terms) are looked up in those candidates by binary search, so a query on 100k passages
 * touches thousands of postings, not millions.
 */
export function rankSentences(
  index: SearchIndex,
  query: AnalyzedQuery,
  options: Partial<RankOptions> = {},
): Ranking {
  const o = { ...RANK_DEFAULTS, ...options };
  const conceptCount = query.concepts.length;
  const importance = new Float64Array(conceptCount);
  const variants: Variant[] = [];
  const described = new Map<number, Float64Array>();
  const absent: boolean[] = [];
  query.concepts.forEach((concept, c) => {
    absent[c] = true;
    let conceptImportance = 0;
    // A word neighbour only scores what the concept's own forms bring in, when the index has one.
    const ownFormIndexed = concept.variants.some(
      (variant) => !variant.neighbour && index.postingsOf(variant.stem),
    );
    for (const variant of concept.variants) {
      const coverage = variant.coverage ?? variant.weight;
      for (const group of index.groupsDescribedBy(variant.stem)) {
        absent[c] = false;
        const seen = getOrCreate(described, group, conceptCount);
        seen[c] = Math.max(seen[c] as number, coverage);
      }
      const postings = index.postingsOf(variant.stem);
      if (variant.weight === 1 && !postings)
        conceptImportance = unknownWordImportance(index, o.unknownWordWeight);
      if (!postings) continue;
      absent[c] = false;
      const passageIdf = index.passageIdf(postings);
      conceptImportance = Math.max(conceptImportance, passageIdf * coverage);
      variants.push({
        concept: c,
        weight: variant.weight,
        coverage,
        scoresOnly: variant.neighbour === true && ownFormIndexed,
        postings,
        sentenceIdf: index.sentenceIdf(postings),
        passageIdf,
      });
    }
    importance[c] = concept.optional ? 0 : conceptImportance * (concept.coverageScale ?? 1);
  });
  const totalImportance = sum(importance) || 1;

  const sentenceScores = new Map<number, number>();
  const shortlist = shortlistSentences(index, variants, importance, totalImportance, conceptCount, o, [
    ...gatherCandidates(index, variants, query, o),
  ]);
  const passages = new Map<number, { score: number; seen: Float64Array }>();
  const groups = new Map<number, Float64Array>();
  const hits: SentenceHit[] = [];
  const groupCoverage = new Map<number, number>();
  for (const { sentence, ownScore, ownSeen } of shortlist) {
    sentenceScores.set(sentence, ownScore);
    const passage = index.sentencePassage[sentence] as number;
    const group = index.passageGroup[passage] as number;
    let inPassage = passages.get(passage);
    if (!inPassage) {
      inPassage = scorePassage(index, passage, variants, conceptCount, o);
      passages.set(passage, inPassage);
    }
    let inGroup = groups.get(group);
    if (!inGroup) {
      inGroup = conceptsInGroup(index, group, variants, conceptCount, described.get(group));
      groups.set(group, inGroup);
    }
    let covered = 0;
    let ownCovered = 0;
    let passageCovered = 0;
    let groupCovered = 0;
    for (let c = 0; c < conceptCount; c++) {
      const weight = importance[c] as number;
      const own = ownSeen[c] as number;
      const inParagraph = Math.max(own, inPassage.seen[c] as number);
      const inDocument = Math.max(inParagraph, inGroup[c] as number);
      covered += weight * Math.max(own, inParagraph * o.passageCoverage, inDocument * o.groupCoverage);
      ownCovered += weight * own;
      passageCovered += weight * inParagraph;
      groupCovered += weight * inDocument;
    }
    const coverage = covered / totalImportance;
    groupCoverage.set(group, Math.max(groupCoverage.get(group) ?? 0, coverage));
    let score = (ownScore + o.passageWeight * inPassage.score) * coverage ** o.coveragePower;
    if (query.wantsNumber && index.sentenceHasNumber[sentence]) {
      score *= o.numberBoost;
      const counted = index.countedStems.get(sentence);
      if (counted && query.countedStems.some((stem) => counted.has(stem))) score *= o.countedBoost;
    }
    hits.push({
      sentence,
      passage,
      group,
      score,
      coverage,
      ownScore,
      passageScore: inPassage.score,
      ownCoverage: ownCovered / totalImportance,
      passageCoverage: passageCovered / totalImportance,
      groupCoverage: groupCovered / totalImportance,
      totalImportance,
    });
  }
  hits.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
  if (hits.length > o.limit) hits.length = o.limit;
  return { hits, sentenceScores, groupCoverage, importance, absent };
}

interface ScoredSentence {
  sentence: number;
  /** The sentence's own BM25 score, each concept counted once. */
  ownScore: number;
  /** Per concept, the weight of its best form found in the sentence (0 when absent). */
  ownSeen: Float64Array;
}

/**
 * Scores the candidates on their own words and keeps the `shortlist` best (by own score and
 * own coverage) for the full score, which also reads their paragraph and document. On a small
 * corpus every candidate is kept.
 */
function shortlistSentences(
  index: SearchIndex,
  variants: Variant[],
  importance: Float64Array,
  totalImportance: number,
  conceptCount: number,
  o: RankOptions,
  candidates: number[],
): ScoredSentence[] {
  const sorted = Int32Array.from(candidates).sort();
  const n = sorted.length;
  // Per candidate and concept: its best BM25 score and the weight of its best form. Each posting
  // list is merged with the sorted candidates (galloping through the longer of the two), so a
  // common term costs one pass in order, not a binary search from scratch per candidate.
  const ownScores = new Float64Array(n * conceptCount);
  const ownSeen = new Float64Array(n * conceptCount);
  const averageLength = index.averageSentenceLength;
  for (const variant of variants) {
    const { sentences, counts } = variant.postings;
    const idf = variant.weight * variant.sentenceIdf;
    const c = variant.concept;
    const byPostings = sentences.length < n;
    // Walk the shorter list, galloping through the longer one.
    for (let i = 0, at = 0; i < n && at < sentences.length; ) {
      if (byPostings) {
        i = gallop(sorted, sentences[at] as number, i);
        if (i >= n || sorted[i] !== sentences[at]) {
          at++;
          continue;
        }
      } else {
        at = gallop(sentences, sorted[i] as number, at);
        if (at >= sentences.length || sentences[at] !== sorted[i]) {
          i++;
          continue;
        }
      }
      const sentence = sorted[i] as number;
      const score = bm25(
        idf,
        counts[at] as number,
        index.sentenceLength[sentence] as number,
        averageLength,
        o,
      );
      const slot = i * conceptCount + c;
      if (score > (ownScores[slot] as number)) ownScores[slot] = score;
      if (variant.coverage > (ownSeen[slot] as number)) ownSeen[slot] = variant.coverage;
      i++;
      at++;
    }
  }
  const own = new Float64Array(n);
  const preliminary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let covered = 0;
    let score = 0;
    for (let c = 0; c < conceptCount; c++) {
      covered += (importance[c] as number) * (ownSeen[i * conceptCount + c] as number);
      score += ownScores[i * conceptCount + c] as number;
    }
    own[i] = score;
    preliminary[i] = score * (0.5 + covered / totalImportance);
  }
  const scoredSentence = (i: number): ScoredSentence => ({
    sentence: sorted[i] as number,
    ownScore: own[i] as number,
    ownSeen: ownSeen.subarray(i * conceptCount, (i + 1) * conceptCount),
  });
  if (n <= o.shortlist) {
    const all: ScoredSentence[] = [];
    for (let i = 0; i < n; i++) all.push(scoredSentence(i));
    return all;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (preliminary[b] as number) - (preliminary[a] as number) || a - b,
  );
  return Array.from(order.subarray(0, o.shortlist), scoredSentence);
}

/**
 * The first position at or after `from` in the ascending `list` whose value is ≥ `value`
 * (`list.length` when none): doubling steps from `from`, then a binary search in the last step.
 */
function gallop(list: Int32Array, value: number, from: number): number {
  if (from >= list.length || (list[from] as number) >= value) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < list.length && (list[high] as number) < value) {
    low = high;
    step *= 2;
    high = from + step;
  }
  return lowerBound(list, value, low + 1, Math.min(high, list.length));
}

/**
 * Sentences holding a rare question term. When every term is common: the sentences holding
 * both of the two rarest question words, or, if none holds both, those of the rarest word.
 */
function gatherCandidates(
  index: SearchIndex,
  variants: Variant[],
  query: AnalyzedQuery,
  o: RankOptions,
): Iterable<number> {
  const rareLimit = Math.max(o.rareTermMinimum, index.librarySentenceCount * o.rareTermShare);
  const candidates = new Set<number>();
  for (const variant of variants) {
    if (variant.scoresOnly || sentenceFrequency(variant.postings) > rareLimit) continue;
    for (const sentence of variant.postings.sentences) candidates.add(sentence);
  }
  if (candidates.size > 0) return candidates;
  const byRarity = variants
    .filter((variant) => !query.concepts[variant.concept]?.optional)
    .sort((a, b) => sentenceFrequency(a.postings) - sentenceFrequency(b.postings));
  const rarest = byRarity[0];
  if (!rarest) return [];
  const second = byRarity.find((variant) => variant.concept !== rarest.concept);
  const both = second ? intersect(rarest.postings.sentences, second.postings.sentences) : [];
  return both.length > 0 ? both : rarest.postings.sentences;
}

/** Ids present in both ascending lists. */
function intersect(first: Int32Array, second: Int32Array): number[] {
  const both: number[] = [];
  for (let i = 0, j = 0; i < first.length && j < second.length; ) {
    const a = first[i] as number;
    const b = second[j] as number;
    if (a === b) {
      both.push(a);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return both;
}

function scorePassage(
  index: SearchIndex,
  passage: number,
  variants: Variant[],
  conceptCount: number,
  o: RankOptions,
): { score: number; seen: Float64Array } {
  const scores = new Float64Array(conceptCount);
  const seen = new Float64Array(conceptCount);
  const first = index.passageStart[passage] as number;
  const end = index.passageStart[passage + 1] as number;
  const length = index.passageLength[passage] as number;
  for (const variant of variants) {
    const count = countInRange(variant.postings, first, end);
    if (count === 0) continue;
    const score = bm25(variant.weight * variant.passageIdf, count, length, index.averagePassageLength, o);
    const c = variant.concept;
    if (score > (scores[c] as number)) scores[c] = score;
    if (variant.coverage > (seen[c] as number)) seen[c] = variant.coverage;
  }
  return { score: sum(scores), seen };
}

function conceptsInGroup(
  index: SearchIndex,
  group: number,
  variants: Variant[],
  conceptCount: number,
  described: Float64Array | undefined,
): Float64Array {
  const seen = described ? Float64Array.from(described) : new Float64Array(conceptCount);
  const first = index.groupStart[group] as number;
  const end = index.groupStart[group + 1] as number;
  for (const variant of variants) {
    const c = variant.concept;
    if (variant.coverage > (seen[c] as number) && occursInRange(variant.postings, first, end))
      seen[c] = variant.coverage;
  }
  return seen;
}

function bm25(idf: number, count: number, length: number, averageLength: number, o: RankOptions): number {
  return (idf * count * (o.k1 + 1)) / (count + o.k1 * (1 - o.b + (o.b * length) / averageLength));
}

/**
 * Importance of a question word the sources never use (and no spelling of which they use): more
 * than the rarest word they do use, because a question about something absent is not covered.
 */
function unknownWordImportance(index: SearchIndex, unknownWordWeight: number): number {
  return unknownWordWeight * Math.log(1 + (index.libraryPassageCount + 0.5) / 0.5);
}

function getOrCreate(map: Map<number, Float64Array>, key: number, size: number): Float64Array {
  let value = map.get(key);
  if (!value) {
    value = new Float64Array(size);
    map.set(key, value);
  }
  return value;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
