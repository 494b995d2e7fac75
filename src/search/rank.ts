import type { AnalyzedQuery } from './query.js';
import type { SearchIndex } from './search-index.js';

/** Ranking settings; the defaults were tuned on the evaluation questions and others like them. */
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
  /** Multiplier for sentences holding a number when the question asks "how many". */
  numberBoost: 1.3,
  /** Further multiplier when that number counts a thing the question names ("31 charters"). */
  countedBoost: 1.5,
  /** Ranking score = BM25 × coverage^coveragePower: how strongly a partial answer is held back. */
  coveragePower: 2,
  /** Importance of a word the sources never use, relative to the rarest word they do use. */
  unknownWordWeight: 1.25,
  /** How many sentences to return, best first. */
  limit: 40,
});

export type RankOptions = typeof RANK_DEFAULTS;

/** A sentence that matches the question. */
export interface SentenceHit {
  sentence: number;
  passage: number;
  group: number;
  /** Ranking score: BM25 of the sentence and its paragraph, scaled by coverage. */
  score: number;
  /** Share of the question's meaning found in the sentence (1), its paragraph or its document (partly), in [0, 1]. */
  coverage: number;
}

export interface Ranking {
  hits: SentenceHit[];
  /** Every sentence holding a question word, with its own BM25 score (for widening a quote to its neighbours). */
  sentenceScores: Map<number, number>;
  /** Per group (document), the best coverage of any of its sentences: how close the document came. */
  groupCoverage: Map<number, number>;
}

/**
 * Scores every sentence that holds a form of a question word: BM25 over the sentence plus half
 * its paragraph's BM25, each concept counted once (its best form), then scaled by coverage so a
 * sentence that answers all of the question beats one that repeats a single word.
 */
export function rankSentences(
  index: SearchIndex,
  query: AnalyzedQuery,
  options: Partial<RankOptions> = {},
): Ranking {
  const o = { ...RANK_DEFAULTS, ...options };
  const conceptCount = query.concepts.length;
  const importance = new Float64Array(conceptCount);
  const sentenceConcepts = new Map<number, Float64Array>();
  const sentenceSeen = new Map<number, Float64Array>();
  const passageTerms = new Map<number, Float64Array>();
  const groupSeen = new Map<number, Float64Array>();
  const variantInfo: Array<{ concept: number; weight: number; passageIdf: number }> = [];
  const variantCount = query.concepts.reduce((total, concept) => total + concept.variants.length, 0);

  query.concepts.forEach((concept, c) => {
    let conceptImportance = 0;
    for (const variant of concept.variants) {
      for (const group of index.groupsDescribedBy(variant.stem)) {
        const seen = getOrCreate(groupSeen, group, conceptCount);
        if (variant.weight > (seen[c] as number)) seen[c] = variant.weight;
      }
      const postings = index.postingsOf(variant.stem);
      const v = variantInfo.length;
      variantInfo.push({
        concept: c,
        weight: variant.weight,
        passageIdf: postings ? index.passageIdf(postings) : 0,
      });
      if (variant.weight === 1)
        conceptImportance = postings
          ? index.passageIdf(postings)
          : unknownWordImportance(index, o.unknownWordWeight);
      if (!postings) continue;
      if (variant.weight < 1)
        conceptImportance = Math.max(conceptImportance, index.passageIdf(postings) * variant.weight);
      const idf = index.sentenceIdf(postings);
      for (let i = 0; i < postings.sentences.length; i++) {
        const sentence = postings.sentences[i] as number;
        const count = postings.counts[i] as number;
        const length = index.sentenceLength[sentence] as number;
        const score =
          (variant.weight * idf * count * (o.k1 + 1)) /
          (count + o.k1 * (1 - o.b + (o.b * length) / index.averageSentenceLength));
        const scores = getOrCreate(sentenceConcepts, sentence, conceptCount);
        if (score > (scores[c] as number)) scores[c] = score;
        const seen = getOrCreate(sentenceSeen, sentence, conceptCount);
        if (variant.weight > (seen[c] as number)) seen[c] = variant.weight;
        const passage = index.sentencePassage[sentence] as number;
        const terms = getOrCreate(passageTerms, passage, variantCount);
        terms[v] = (terms[v] as number) + count;
      }
    }
    importance[c] = concept.optional ? 0 : conceptImportance * (concept.coverageScale ?? 1);
  });

  const passageScores = new Map<number, { score: number; seen: Float64Array }>();
  for (const [passage, terms] of passageTerms) {
    const perConcept = new Float64Array(conceptCount);
    const seen = new Float64Array(conceptCount);
    const length = index.passageLength[passage] as number;
    for (let v = 0; v < variantInfo.length; v++) {
      const count = terms[v];
      if (!count) continue;
      const info = variantInfo[v] as (typeof variantInfo)[number];
      const score =
        (info.weight * info.passageIdf * count * (o.k1 + 1)) /
        (count + o.k1 * (1 - o.b + (o.b * length) / index.averagePassageLength));
      if (score > (perConcept[info.concept] as number)) perConcept[info.concept] = score;
      if (info.weight > (seen[info.concept] as number)) seen[info.concept] = info.weight;
    }
    const group = index.passageGroup[passage] as number;
    const groupSeenWeights = getOrCreate(groupSeen, group, conceptCount);
    for (let c = 0; c < conceptCount; c++) {
      if ((seen[c] as number) > (groupSeenWeights[c] as number)) groupSeenWeights[c] = seen[c] as number;
    }
    passageScores.set(passage, { score: sum(perConcept), seen });
  }

  const totalImportance = sum(importance) || 1;
  const hits: SentenceHit[] = [];
  const sentenceScores = new Map<number, number>();
  const groupCoverage = new Map<number, number>();
  let floor = 0;
  for (const [sentence, scores] of sentenceConcepts) {
    const ownScore = sum(scores);
    sentenceScores.set(sentence, ownScore);
    const passage = index.sentencePassage[sentence] as number;
    const group = index.passageGroup[passage] as number;
    const passageScore = passageScores.get(passage) as { score: number; seen: Float64Array };
    const seen = sentenceSeen.get(sentence) as Float64Array;
    const inGroup = groupSeen.get(group) ?? new Float64Array(conceptCount);
    let covered = 0;
    for (let c = 0; c < conceptCount; c++) {
      const level = Math.max(
        seen[c] as number,
        (passageScore.seen[c] as number) * o.passageCoverage,
        (inGroup[c] as number) * o.groupCoverage,
      );
      covered += (importance[c] as number) * level;
    }
    const coverage = covered / totalImportance;
    groupCoverage.set(group, Math.max(groupCoverage.get(group) ?? 0, coverage));
    let score = (ownScore + o.passageWeight * passageScore.score) * coverage ** o.coveragePower;
    if (query.wantsNumber && index.sentenceHasNumber[sentence]) {
      score *= o.numberBoost;
      const counted = index.countedStems.get(sentence);
      if (counted && query.countedStems.some((stem) => counted.has(stem))) score *= o.countedBoost;
    }
    if (hits.length >= o.limit && score <= floor) continue;
    hits.push({ sentence, passage, group, score, coverage });
    if (hits.length > o.limit * 2) {
      hits.sort((a, b) => b.score - a.score);
      hits.length = o.limit;
      floor = (hits[hits.length - 1] as SentenceHit).score;
    }
  }
  hits.sort((a, b) => b.score - a.score);
  if (hits.length > o.limit) hits.length = o.limit;
  return { hits, sentenceScores, groupCoverage };
}

/**
 * Importance of a question word the sources never use (and no spelling of which they use): more
 * than the rarest word they do use, because a question about something absent is not covered.
 */
function unknownWordImportance(index: SearchIndex, unknownWordWeight: number): number {
  return unknownWordWeight * Math.log(1 + (index.passageCount + 0.5) / 0.5);
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
