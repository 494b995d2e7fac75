import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ENTITY_KIND } from './entity-kinds.js';
import { occursInRange, type Postings, sentencesInRange } from './postings.js';
import type { AnalyzedQuery } from './query.js';
import type { SentenceHit } from './rank.js';
import type { SearchIndex } from './search-index.js';
import { DATA_DIR } from './word-vectors.js';

/**
 * The answer model: the last stage of the one answering pipeline. The first stage (BM25 ×
 * coverage, `rank.ts`) finds candidate sentences; this model puts its best few in order again
 * and says how sure the answer is, from general signals only:
 *
 * - the first stage's score and coverages (sentence, paragraph, document);
 * - how much of the question's *within-document* weight the sentence holds: a story's names
 *   are in every one of its sentences, so what tells its sentences apart is the rest of the
 *   question ("cost", "fined", "end");
 * - the sentence encoder's cosine with the question, and how far it is from the best one; the
 *   same for the question's focus, the question without its story's words (question-focus.ts);
 * - where the sentence sits in its document, and its length;
 * - whether it holds the kind of answer asked for: an amount for "how many / how much", a date
 *   for "when" (entity-kinds.ts).
 *
 * Weights, the confidence model and its two thresholds are fitted by `npm run fit:answers`
 * (`scripts/fit-answer-model.ts`) on public questions and written to `data/answer-model.json`.
 * The model needs the encoder's cosines: without them (MEANING_CHECK=off, or the encoder
 * unavailable) the first stage's order stands and coverage decides, as before. Fitted without
 * cosines, the model put the right sentence first less often on the seed sample (76.3% -> 71.1%
 * held out) and SQuAD (64.0% -> 63.0%), and its confidence was too weak to decide (10.9% of the
 * news questions answered sure and right).
 */

/** Candidate features, in the order of the weights. */
export const CANDIDATE_FEATURES = Object.freeze([
  'score',
  'coverage',
  'ownCoverage',
  'paragraphCoverage',
  'documentCoverage',
  'documentBest',
  'localWeight',
  'globalWeight',
  'firstInDocument',
  'position',
  'length',
  'countAsked',
  'cosine',
  'cosineGap',
  'focusCosine',
  'focusGap',
  'amountAsked',
  'dateAsked',
  'asks',
] as const);

/** A sentence that ends with a question mark (before closing quotes or brackets) asks; it does not answer. */
const ASKS = /[?？]["'”’»)\]]*\s*$/u;

/** Features of the best candidate (after reordering) that the confidence is computed from. */
export const CONFIDENCE_FEATURES = Object.freeze([
  'probability',
  'margin',
  'coverage',
  'paragraphCoverage',
  'documentCoverage',
  'localWeight',
  'sameDocument',
  'cosine',
  'cosineLead',
] as const);

const modelSchema = z.object({
  /** How many of the first stage's best sentences are put in order again. */
  candidates: z.number().int().positive(),
  /**
   * How many more join them: of the first stage's hits after its best `candidates`, down to the
   * `depth`th, those closest to the question in meaning (already embedded: no new vectors).
   */
  deeper: z.number().int().min(0),
  depth: z.number().int().positive(),
  rank: z.array(z.number()).length(CANDIDATE_FEATURES.length),
  confidence: z.array(z.number()).length(CONFIDENCE_FEATURES.length),
  bias: z.number(),
  /** Least confidence for a sure answer. */
  sure: z.number(),
  /** Least confidence for an uncertain answer showing the closest passages; below it, "not covered". */
  close: z.number(),
  /** Least share of the best document's sentences a word is in to name the story (question-focus.ts). */
  focusShare: z.number().min(0).max(1),
  /**
   * Least share of the base's titles a word is in to be left out of the title the encoder reads
   * before each sentence (title-context.ts); null: sentences are embedded without their titles.
   */
  titleShare: z.number().min(0).max(1).nullable(),
});

export type AnswerModel = z.infer<typeof modelSchema>;

export const ANSWER_MODEL_FILE = path.join(DATA_DIR, 'answer-model.json');

let shipped: AnswerModel | undefined;

/** The fitted model in `data/answer-model.json` (read once). Throws, naming the file, when it is unreadable. */
export function defaultAnswerModel(): AnswerModel {
  if (!shipped) {
    try {
      shipped = parseAnswerModel(JSON.parse(readFileSync(ANSWER_MODEL_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `${ANSWER_MODEL_FILE} is missing or invalid (run npm run fit:answers): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return shipped;
}

export function parseAnswerModel(value: unknown): AnswerModel {
  return modelSchema.parse(value);
}

/** How sure the pipeline is of an answer. */
export type Certainty = 'sure' | 'uncertain' | 'none';

export interface ModelCandidate {
  hit: SentenceHit;
  /** The first stage's score, log scale. */
  score: number;
}

/** What the model needs of the index and the question besides the candidates. */
export interface ModelContext {
  index: SearchIndex;
  query: AnalyzedQuery;
  /** A sentence's text. */
  sentenceText(sentence: number): string;
  /** Cosine of each candidate with the question (by sentence id). */
  similarity: ReadonlyMap<number, number>;
  /** Cosine of each candidate with the question's focus: the question without its story's words. */
  focusSimilarity: ReadonlyMap<number, number>;
  /** ENTITY_KIND bits of a sentence (entity-kinds.ts). */
  entityKinds(sentence: number): number;
}

/** The stems that stand for the question's own words (not neighbours or corrections). */
function questionStems(query: AnalyzedQuery): string[] {
  const stems = new Set<string>();
  for (const concept of query.concepts) {
    if (concept.optional) continue;
    const own = concept.variants.find((variant) => !variant.neighbour && variant.weight >= 1);
    if (own) stems.add(own.stem);
  }
  return [...stems];
}

/**
 * Shares of the question's weight (within the sentence's document, and in the whole index) the
 * sentence holds; `postings` are those of the question's own stems.
 */
function weightShares(
  index: SearchIndex,
  postings: ReadonlyArray<Postings | undefined>,
  hit: SentenceHit,
): [number, number] {
  const first = index.groupStart[hit.group] as number;
  const end = index.groupStart[hit.group + 1] as number;
  const inDocument = end - first;
  let local = 0;
  let localTotal = 0;
  let global = 0;
  let globalTotal = 0;
  for (const stemPostings of postings) {
    const localWeight = Math.log(
      (inDocument + 1) / ((stemPostings ? sentencesInRange(stemPostings, first, end) : 0) + 0.5),
    );
    const globalWeight = stemPostings ? index.sentenceIdf(stemPostings) : 0;
    localTotal += localWeight;
    globalTotal += globalWeight;
    if (stemPostings && occursInRange(stemPostings, hit.sentence, hit.sentence + 1)) {
      local += localWeight;
      global += globalWeight;
    }
  }
  return [localTotal > 0 ? local / localTotal : 0, globalTotal > 0 ? global / globalTotal : 0];
}

/** Each candidate's features, in CANDIDATE_FEATURES order. */
export function candidateFeatures(
  context: ModelContext,
  candidates: readonly ModelCandidate[],
): Float64Array[] {
  const postings = questionStems(context.query).map((stem) => context.index.postingsOf(stem));
  const top = candidates[0]?.score ?? 0;
  const documentBest = new Map<number, number>();
  for (const { hit, score } of candidates)
    documentBest.set(hit.group, Math.max(documentBest.get(hit.group) ?? Number.NEGATIVE_INFINITY, score));
  const bestCosine = Math.max(...context.similarity.values());
  const bestFocus = Math.max(...context.focusSimilarity.values());
  return candidates.map(({ hit, score }) => {
    const [local, global] = weightShares(context.index, postings, hit);
    const groupFirst = context.index.groupStart[hit.group] as number;
    const cosine = context.similarity.get(hit.sentence) ?? 0;
    const focus = context.focusSimilarity.get(hit.sentence) ?? 0;
    const counted = context.index.countedStems.get(hit.sentence);
    const text = context.sentenceText(hit.sentence);
    const countAsked =
      context.query.wantsNumber && context.index.sentenceHasNumber[hit.sentence] === 1
        ? counted && context.query.countedStems.some((stem) => counted.has(stem))
          ? 1
          : 0.5
        : 0;
    return Float64Array.of(
      score - top,
      hit.coverage,
      hit.ownCoverage,
      hit.passageCoverage,
      hit.groupCoverage,
      (documentBest.get(hit.group) as number) - top,
      local,
      global,
      hit.sentence === groupFirst ? 1 : 0,
      Math.min(hit.sentence - groupFirst, 20) / 20,
      Math.min(text.length, 400) / 400,
      countAsked,
      cosine,
      cosine - bestCosine,
      focus,
      focus - bestFocus,
      context.query.type === 'count' && (context.entityKinds(hit.sentence) & ENTITY_KIND.amount) !== 0
        ? 1
        : 0,
      context.query.type === 'when' && (context.entityKinds(hit.sentence) & ENTITY_KIND.date) !== 0 ? 1 : 0,
      ASKS.test(text) ? 1 : 0,
    );
  });
}

export function dot(weights: readonly number[], features: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < features.length; i++) sum += (weights[i] as number) * (features[i] as number);
  return sum;
}

/**
 * Features of the best candidate for the confidence: its share of the softmax over the
 * candidates' model scores, its lead over the second, its coverages, its within-document weight,
 * how many of the best five come from its document, its cosine, and its cosine's lead over the
 * best of the others' (the encoder is surer when one sentence stands out).
 */
export function confidenceFeatures(
  order: readonly number[],
  modelScores: readonly number[],
  features: readonly Float64Array[],
  candidates: readonly ModelCandidate[],
): Float64Array {
  const best = order[0] as number;
  const second = order[1];
  const max = modelScores[best] as number;
  let total = 0;
  for (const score of modelScores) total += Math.exp(score - max);
  const f = features[best] as Float64Array;
  const group = (candidates[best] as ModelCandidate).hit.group;
  const sameDocument =
    order.slice(0, 5).filter((at) => (candidates[at] as ModelCandidate).hit.group === group).length /
    Math.min(5, order.length);
  const at = (name: (typeof CANDIDATE_FEATURES)[number]) => f[CANDIDATE_FEATURES.indexOf(name)] as number;
  return Float64Array.of(
    1 / total,
    second === undefined ? 5 : Math.min(5, max - (modelScores[second] as number)),
    at('coverage'),
    at('paragraphCoverage'),
    at('documentCoverage'),
    at('localWeight'),
    sameDocument,
    at('cosine'),
    at('cosine') - Math.max(-1, ...order.slice(1).map((other) => cosineOf(features[other] as Float64Array))),
  );
}

const COSINE = CANDIDATE_FEATURES.indexOf('cosine');
function cosineOf(features: Float64Array): number {
  return features[COSINE] as number;
}

export interface ModelJudgement {
  /** Candidate positions, best first by the model. */
  order: number[];
  features: Float64Array[];
  /** Estimated probability, in [0, 1], that the best candidate answers the question. */
  confidence: number;
  certainty: Certainty;
}

/** Orders the candidates and judges the best one. */
export function judgeCandidates(
  model: AnswerModel,
  context: ModelContext,
  candidates: readonly ModelCandidate[],
): ModelJudgement {
  const features = candidateFeatures(context, candidates);
  const modelScores = features.map((f) => dot(model.rank, f));
  const order = candidates.map((_, at) => at);
  order.sort((a, b) => (modelScores[b] as number) - (modelScores[a] as number) || a - b);
  const judged = confidenceFeatures(order, modelScores, features, candidates);
  const confidence = 1 / (1 + Math.exp(-(dot(model.confidence, judged) + model.bias)));
  const certainty: Certainty =
    confidence >= model.sure ? 'sure' : confidence >= model.close ? 'uncertain' : 'none';
  return { order, features, confidence, certainty };
}
