import type { AnalyzedQuery } from './query.js';
import { QUESTION_TYPES } from './query.js';
import type { Ranking, SentenceHit } from './rank.js';
import { contentWords, stemWord } from './text.js';
import type { WordVectors } from './word-vectors.js';

/** The kinds of answer a sentence can hold beyond the question's own words. */
const ANSWER_KINDS = ['year', 'number', 'month', 'name'] as const;

/**
 * The signals the learned reranker weighs for each candidate sentence. Scores are divided by the
 * question's total importance so that one set of weights fits short and long questions.
 */
export const FEATURE_NAMES: readonly string[] = Object.freeze([
  'stage1',
  'bm25Sentence',
  'bm25Passage',
  'coverSentence',
  'coverPassage',
  'coverDocument',
  'softSentence',
  'softSentenceHigh',
  'softPassage',
  'exactWords',
  'bigrams',
  'logLength',
  'firstInParagraph',
  'neighbourCover',
  'anaphoraAfterMatch',
  'missingTop',
  'matchedShare',
  'novelty',
  'trigrams',
  'fragment',
  'definition',
  'countedMatch',
  ...QUESTION_TYPES.flatMap((type) => ANSWER_KINDS.map((kind) => `${type}:${kind}`)),
]);

/** A text's content words, their stems and their word-vector ranks (-1 when unknown). */
export interface TextTokens {
  words: readonly string[];
  stems: readonly string[];
  ranks: Int32Array;
}

export function textTokens(text: string, vectors: WordVectors | null): TextTokens {
  const words = contentWords(text);
  return {
    words,
    stems: words.map((word) => stemWord(word)),
    ranks: Int32Array.from(words, (word) => vectors?.rank(word) ?? -1),
  };
}

/** What the features read besides the index: the sentences' text and tokens (memoised by the caller). */
export interface FeatureSource {
  sentenceText(sentence: number): string;
  sentenceTokens(sentence: number): TextTokens;
  passageTokens(passage: number): TextTokens;
  /** True when the sentence is the first of its paragraph. */
  isFirstInPassage(sentence: number): boolean;
  /** Stems of the words right after each count in the sentence ("31 charters" → charter), if any. */
  countedStemsOf(sentence: number): ReadonlySet<string> | undefined;
  /** True when the sentence is the last of its paragraph. */
  isLastInPassage(sentence: number): boolean;
  vectors: WordVectors | null;
}

const YEAR = /\b(?:1\d{3}|20\d{2})\b/g;
const NUMBER =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half)\b/gi;
const MONTH =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/g;
const NAME = /(?<=[^.!?]\s)[A-Z][\p{L}]+/gu;

/** Per query, what the features need of each concept, computed once. */
export interface QueryFeatureContext {
  query: AnalyzedQuery;
  ranking: Ranking;
  totalImportance: number;
  /** Frequency rank (vector) of each concept's meaning, or -1 when the model lacks it. */
  conceptRank: Int32Array;
  /** Stems of each concept's variants with their weights. */
  variantStems: Array<Map<string, number>>;
  questionWords: ReadonlySet<string>;
  /** Adjacent pairs of the question's content stems. */
  bigrams: Array<[string, string]>;
  /** Soft match levels per passage and per scored sentence, computed once per query. */
  passageSoft: Map<number, Float64Array>;
  sentenceSoft: Map<number, Float64Array>;
  /** Per concept, cosine similarity by word-vector rank, computed once per query. */
  similarity: SimilarityCache[];
}

/**
 * Cosine similarities of one word to others, by the others' vector rank, computed at most once
 * per question. Typed arrays stamped with a generation, reused from question to question, so a
 * lookup is two array reads and a new question clears nothing.
 */
class SimilarityCache {
  private values: Float32Array;
  private stamps: Uint32Array;
  private generation = 0;
  private word = -1;

  constructor(size: number) {
    this.values = new Float32Array(size);
    this.stamps = new Uint32Array(size);
  }

  reset(word: number): this {
    this.word = word;
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    return this;
  }

  get(vectors: WordVectors, other: number): number {
    if (this.stamps[other] === this.generation) return this.values[other] as number;
    const similarity = vectors.similarityOfRanks(this.word, other);
    this.values[other] = similarity;
    this.stamps[other] = this.generation;
    return similarity;
  }
}

const cachePool: SimilarityCache[] = [];

function similarityCaches(ranks: Int32Array, vectors: WordVectors | null): SimilarityCache[] {
  if (!vectors) return [];
  while (cachePool.length < ranks.length) cachePool.push(new SimilarityCache(vectors.size));
  return Array.from(ranks, (rank, c) => (cachePool[c] as SimilarityCache).reset(rank));
}

export function queryFeatureContext(
  query: AnalyzedQuery,
  ranking: Ranking,
  vectors: WordVectors | null,
): QueryFeatureContext {
  const conceptRank = Int32Array.from(query.concepts, (concept) => vectors?.rank(concept.meaning) ?? -1);
  const stems = query.concepts.map((concept) => stemWord(concept.meaning));
  const bigrams: Array<[string, string]> = [];
  for (let at = 0; at + 1 < stems.length; at++) bigrams.push([stems[at] as string, stems[at + 1] as string]);
  let totalImportance = 0;
  for (const value of ranking.importance) totalImportance += value;
  return {
    query,
    ranking,
    totalImportance: totalImportance || 1,
    conceptRank,
    variantStems: query.concepts.map(
      (concept) => new Map(concept.variants.map((variant) => [variant.stem, variant.weight])),
    ),
    questionWords: new Set(query.words),
    bigrams,
    passageSoft: new Map(),
    sentenceSoft: new Map(),
    similarity: similarityCaches(conceptRank, vectors),
  };
}

/**
 * Per concept, how well a text expresses it: the weight of its best exact form (1 for the word
 * itself), else the highest cosine similarity between its meaning and a word of the text.
 */
function softLevels(
  context: QueryFeatureContext,
  tokens: TextTokens,
  vectors: WordVectors | null,
): Float64Array {
  const soft = exactLevels(context, tokens);
  for (let c = 0; c < soft.length; c++) {
    const rank = context.conceptRank[c] as number;
    if (!vectors || rank < 0 || (soft[c] as number) >= 1) continue;
    const cache = context.similarity[c] as SimilarityCache;
    let best = soft[c] as number;
    const ranks = tokens.ranks;
    for (let at = 0; at < ranks.length; at++) {
      const other = ranks[at] as number;
      if (other < 0) continue;
      const similarity = cache.get(vectors, other);
      if (similarity > best) best = similarity;
    }
    soft[c] = best;
  }
  return soft;
}

/** Per concept, the weight of its best exact form in the text (no soft matching). */
function exactLevels(context: QueryFeatureContext, tokens: TextTokens): Float64Array {
  const exact = new Float64Array(context.query.concepts.length);
  for (let c = 0; c < exact.length; c++) {
    const variants = context.variantStems[c] as Map<string, number>;
    for (const stem of tokens.stems) {
      const weight = variants.get(stem);
      if (weight !== undefined && weight > (exact[c] as number)) exact[c] = weight;
    }
  }
  return exact;
}

/** Words with which a sentence says what something is (for "what is X?" questions). */
const DEFINING = /\b(?:defin\w*|means|meaning|refers? to|known as|called|is an?|are an?|consists? of)\b/i;

/** A sentence ends with terminal punctuation (a headline, caption or list line does not). */
const FULL_STOP = /[.!?…]["'”’)\]]*\s*$/;

/** A sentence that opens by pointing back ("It…", "This revolution…", "Its purpose…"). */
const ANAPHORA = /^\W*(?:it|its|this|these|that|those|they|their|he|his|she|her|such|there)\b/i;

/** Share of the question's runs of three content stems found in order in the text (gaps of one allowed). */
function trigramShare(context: QueryFeatureContext, stems: readonly string[]): number {
  const meaning = context.bigrams;
  if (meaning.length < 2) return 0;
  let found = 0;
  for (let at = 0; at + 1 < meaning.length; at++) {
    const a = (meaning[at] as [string, string])[0];
    const b = (meaning[at] as [string, string])[1];
    const c = (meaning[at + 1] as [string, string])[1];
    for (let i = 0; i < stems.length; i++) {
      if (stems[i] !== a) continue;
      const j = stems[i + 1] === b ? i + 1 : stems[i + 2] === b ? i + 2 : -1;
      if (j >= 0 && (stems[j + 1] === c || stems[j + 2] === c)) {
        found++;
        break;
      }
    }
  }
  return found / (meaning.length - 1);
}

function weighted(
  levels: Float64Array,
  importance: Float64Array,
  total: number,
  transform = (x: number) => x,
) {
  let sum = 0;
  for (let c = 0; c < levels.length; c++) sum += (importance[c] as number) * transform(levels[c] as number);
  return sum / total;
}

/** The feature vector of one candidate sentence (in FEATURE_NAMES order). */
export function hitFeatures(
  context: QueryFeatureContext,
  source: FeatureSource,
  hit: SentenceHit,
  topStageScore: number,
): Float64Array {
  const features = new Float64Array(FEATURE_NAMES.length);
  const { ranking, totalImportance: total, query } = context;
  const importance = ranking.importance;
  const text = source.sentenceText(hit.sentence);
  const tokens = source.sentenceTokens(hit.sentence);
  const textWords = tokens.words;
  const soft = softLevels(context, tokens, source.vectors);
  context.sentenceSoft.set(hit.sentence, soft);
  let passageSoft = context.passageSoft.get(hit.passage);
  if (!passageSoft) {
    passageSoft = softLevels(context, source.passageTokens(hit.passage), source.vectors);
    context.passageSoft.set(hit.passage, passageSoft);
  }
  const textWordSet = new Set(textWords);
  let exactWords = 0;
  query.concepts.forEach((concept, c) => {
    if (textWordSet.has(concept.word)) exactWords += importance[c] as number;
  });
  let bigrams = 0;
  if (context.bigrams.length > 0) {
    const stems = tokens.stems;
    for (const [first, second] of context.bigrams) {
      for (let at = 0; at + 1 < stems.length; at++) {
        if (stems[at] === first && (stems[at + 1] === second || stems[at + 2] === second)) {
          bigrams++;
          break;
        }
      }
    }
    bigrams /= context.bigrams.length;
  }
  let at = 0;
  features[at++] = topStageScore > 0 ? hit.score / topStageScore : 0;
  features[at++] = hit.ownScore / total;
  features[at++] = hit.passageScore / total;
  features[at++] = hit.ownCoverage;
  features[at++] = hit.passageCoverage;
  features[at++] = hit.groupCoverage;
  features[at++] = weighted(soft, importance, total, (x) => Math.max(0, x));
  features[at++] = weighted(soft, importance, total, (x) => Math.max(0, (x - 0.5) * 2));
  features[at++] = weighted(passageSoft, importance, total, (x) => Math.max(0, x));
  features[at++] = exactWords / total;
  features[at++] = bigrams;
  features[at++] = Math.log1p(textWords.length);
  const first = source.isFirstInPassage(hit.sentence);
  features[at++] = first ? 1 : 0;
  const previous = first
    ? 0
    : weighted(exactLevels(context, source.sentenceTokens(hit.sentence - 1)), importance, total);
  const next = source.isLastInPassage(hit.sentence)
    ? 0
    : weighted(exactLevels(context, source.sentenceTokens(hit.sentence + 1)), importance, total);
  features[at++] = Math.max(previous, next);
  features[at++] = ANAPHORA.test(text) ? previous : 0;
  let missingTop = 0;
  let matched = 0;
  soft.forEach((level, c) => {
    if (level >= 0.5) matched++;
    else missingTop = Math.max(missingTop, (importance[c] as number) / total);
  });
  features[at++] = missingTop;
  features[at++] = soft.length > 0 ? matched / soft.length : 0;
  let novel = 0;
  for (const word of textWords) if (!context.questionWords.has(word)) novel++;
  features[at++] = textWords.length > 0 ? novel / textWords.length : 0;
  features[at++] = trigramShare(context, tokens.stems);
  features[at++] = FULL_STOP.test(text) ? 0 : 1;
  features[at++] = query.definition && DEFINING.test(text) ? 1 : 0;
  const counted = source.countedStemsOf(hit.sentence);
  features[at++] = counted && query.countedStems.some((stem) => counted.has(stem)) ? 1 : 0;
  const kinds = answerKinds(text, context.questionWords);
  for (const type of QUESTION_TYPES) {
    for (const kind of ANSWER_KINDS) {
      features[at++] = type === query.type && kinds.has(kind) ? 1 : 0;
    }
  }
  return features;
}

/** Which kinds of answer the sentence holds that the question does not already name. */
function answerKinds(text: string, questionWords: ReadonlySet<string>): Set<(typeof ANSWER_KINDS)[number]> {
  const kinds = new Set<(typeof ANSWER_KINDS)[number]>();
  const fresh = (match: string) => !questionWords.has(match.toLowerCase().replace(/,/g, ''));
  for (const match of text.match(YEAR) ?? []) if (fresh(match)) kinds.add('year');
  for (const match of text.match(NUMBER) ?? []) {
    if (fresh(match) && !/^(?:1\d{3}|20\d{2})$/.test(match)) kinds.add('number');
  }
  for (const match of text.match(MONTH) ?? []) if (fresh(match)) kinds.add('month');
  for (const match of text.match(NAME) ?? []) if (fresh(match)) kinds.add('name');
  return kinds;
}

/**
 * Short questions ("what is personalized learning?") and long ones ("which British sculptor whose
 * work…") need different weights: each feature has one weight per kind of question, so the
 * reranker is linear within each. A question is short when it has at most this many concepts.
 */
export const SHORT_QUESTION_CONCEPTS = 3;

/** The names of the reranker's weights: each feature once for short questions, once for long ones. */
export const RANK_WEIGHT_NAMES: readonly string[] = Object.freeze([
  ...FEATURE_NAMES.map((name) => `short:${name}`),
  ...FEATURE_NAMES.map((name) => `long:${name}`),
]);

/** A candidate's features placed in the half of the weight vector for its question's length. */
export function byQuestionLength(features: Float64Array, concepts: number): Float64Array {
  const placed = new Float64Array(features.length * 2);
  placed.set(features, concepts <= SHORT_QUESTION_CONCEPTS ? 0 : features.length);
  return placed;
}

/** The reranker's score of a feature vector: a weighted sum. */
export function linearScore(features: Float64Array, weights: readonly number[]): number {
  let score = 0;
  for (let i = 0; i < features.length; i++) score += (features[i] as number) * (weights[i] ?? 0);
  return score;
}

/** The signals the learned abstention weighs for a question, given its best candidate. */
export const ABSTAIN_FEATURE_NAMES: readonly string[] = Object.freeze([
  'bias',
  'topScore',
  'softSentence',
  'softPassage',
  'coverSentence',
  'coverPassage',
  'coverDocument',
  'absentShare',
  'absentUnmatched',
  'absentRare',
  'maxAbsent',
  'logConcepts',
  'coverGeneral',
  'coverGeneralPassage',
  'missingGeneral',
]);

/** How specific a word is in general English: log of its frequency rank, 1 for words the model lacks. */
function generalSpecificity(vectors: WordVectors | null, word: string): number {
  if (!vectors) return 1;
  const rank = vectors.rank(word);
  return rank === undefined ? 1 : Math.log(rank + 2) / Math.log(vectors.size + 2);
}

/** Abstention features from the query and its best candidate (`top`, with its features and score). */
export function abstainFeatures(
  context: QueryFeatureContext,
  vectors: WordVectors | null,
  top: { features: Float64Array; score: number; passage: number; soft: Float64Array } | undefined,
): Float64Array {
  const features = new Float64Array(ABSTAIN_FEATURE_NAMES.length);
  const { ranking, totalImportance: total, query } = context;
  const value = (name: string) => top?.features[FEATURE_NAMES.indexOf(name)] ?? 0;
  const passageSoft = top ? context.passageSoft.get(top.passage) : undefined;
  let absentShare = 0;
  let absentUnmatched = 0;
  let absentRare = 0;
  let maxAbsent = 0;
  query.concepts.forEach((concept, c) => {
    if (!ranking.absent[c]) return;
    const share = (ranking.importance[c] as number) / total;
    absentShare += share;
    absentUnmatched += share * (1 - Math.max(0, passageSoft?.[c] ?? 0));
    const rank = vectors?.rank(concept.meaning);
    absentRare += share * (rank === undefined ? 1 : Math.log(rank + 2) / Math.log(vectors?.size ?? 2));
    maxAbsent = Math.max(maxAbsent, share);
  });
  const sentenceSoft = top?.soft;
  let specificity = 0;
  let coverGeneral = 0;
  let coverGeneralPassage = 0;
  let missingGeneral = 0;
  query.concepts.forEach((concept, c) => {
    const weight = generalSpecificity(vectors, concept.meaning);
    specificity += weight;
    coverGeneral += weight * Math.max(0, sentenceSoft?.[c] ?? 0);
    const inPassage = Math.max(0, passageSoft?.[c] ?? 0);
    coverGeneralPassage += weight * inPassage;
    if (inPassage < 0.5) missingGeneral = Math.max(missingGeneral, weight);
  });
  let at = 0;
  features[at++] = 1;
  features[at++] = top?.score ?? -10;
  features[at++] = value('softSentence');
  features[at++] = value('softPassage');
  features[at++] = value('coverSentence');
  features[at++] = value('coverPassage');
  features[at++] = value('coverDocument');
  features[at++] = absentShare;
  features[at++] = absentUnmatched;
  features[at++] = absentRare;
  features[at++] = maxAbsent;
  features[at++] = Math.log1p(query.concepts.length);
  features[at++] = specificity > 0 ? coverGeneral / specificity : 0;
  features[at++] = specificity > 0 ? coverGeneralPassage / specificity : 0;
  features[at++] = missingGeneral;
  return features;
}
