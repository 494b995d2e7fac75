import { MEANING_CHECK_WEIGHTS } from './meaning-check-weights.js';
import { cosine, type SentenceEncoder } from './sentence-encoder.js';

/**
 * The rules ranker's second opinion on whether the sources answer a question: word coverage alone
 * answers questions that share most of their words with a sentence about something else, and
 * turns away paraphrases. A sentence encoder compares the question's meaning with the best
 * sentence's; a logistic model of the sentence's coverage, its paragraph's and its document's
 * coverage and that cosine, fitted by `npm run fit:meaning` on SQuAD public articles, decides.
 */
export interface MeaningCheckWeights {
  coverage: number;
  /** Weight of the best sentence's paragraph's coverage of the question. */
  paragraphCoverage: number;
  /** Weight of its document's coverage of the question. */
  documentCoverage: number;
  cosine: number;
  bias: number;
  /** Least score (log-odds) to answer. */
  threshold: number;
  /** Below this coverage a sentence is not asked about (none of the best above it: "not covered"). */
  leastCoverage: number;
  /** How many of the ranker's best sentences may carry the meaning (any one is enough to answer). */
  candidates: number;
  /**
   * What a cosine adds to the log of a sentence's ranking score when the best sentences asked
   * about are put in order again (0 leaves the ranker's order).
   */
  rerank: number;
}

export type { SentenceEncoder };

/** How many sentence vectors an engine keeps (2 KB each). */
const CACHE_LIMIT = 4096;

/** What the rules ranker knows of its best sentence: coverage of the question's words, in [0, 1]. */
export interface CoveredSentence {
  sentence: number;
  /** Of the sentence, with its paragraph's and document's words counting partly (the ranker's coverage). */
  coverage: number;
  /** Of the sentence's paragraph, in full. */
  paragraphCoverage: number;
  /** Of the sentence's document, in full. */
  documentCoverage: number;
}

/** The check's verdict on a question and what it measured on the way. */
export interface MeaningJudgement {
  /** True to answer, false to abstain, null when the encoder is unavailable (coverage decides). */
  answers: boolean | null;
  /** Each sentence asked about: its cosine with the question, by sentence id. */
  similarity: ReadonlyMap<number, number>;
}

export interface MeaningCheck {
  /** How many of the best sentences it looks at. */
  readonly candidates: number;
  /** What a sentence's cosine adds to the log of its ranking score (see MeaningCheckWeights.rerank). */
  readonly rerank: number;
  /**
   * Whether any of the ranker's best sentences (the first `weights.candidates`, best first) carries
   * the question's meaning, and the cosines it measured.
   */
  judge(question: string, best: readonly CoveredSentence[]): MeaningJudgement;
}

/** A check over one engine's sentences; `sentenceText` gives a sentence's text by id. */
export function createMeaningCheck(
  encoder: SentenceEncoder,
  sentenceText: (sentence: number) => string,
  weights: MeaningCheckWeights = MEANING_CHECK_WEIGHTS,
): MeaningCheck {
  const vectors = new Map<number, Float32Array>();
  const unmeasured = new Map<number, number>();
  return {
    candidates: weights.candidates,
    rerank: weights.rerank,
    judge(question, best) {
      const asked = askedAbout(weights, best);
      if (asked.length === 0) return { answers: false, similarity: unmeasured };
      // One call embeds the question and every sentence not seen before.
      const unseen = [...new Set(asked.map((candidate) => candidate.sentence))].filter(
        (sentence) => !vectors.has(sentence),
      );
      const embedded = encoder.embed([question, ...unseen.map(sentenceText)]);
      if (!embedded) return { answers: null, similarity: unmeasured };
      const questionVector = embedded[0] as Float32Array;
      const found = new Map(asked.map((candidate) => [candidate.sentence, vectors.get(candidate.sentence)]));
      unseen.forEach((sentence, at) => {
        const vector = embedded[at + 1] as Float32Array;
        found.set(sentence, vector);
        if (vectors.size >= CACHE_LIMIT) vectors.clear();
        vectors.set(sentence, vector);
      });
      const evidence = asked.map((candidate) => ({
        ...candidate,
        similarity: cosine(questionVector, found.get(candidate.sentence) as Float32Array),
      }));
      return {
        answers: meaningAnswers(weights, evidence),
        similarity: new Map(evidence.map((candidate) => [candidate.sentence, candidate.similarity])),
      };
    },
  };
}

/** A sentence the check scores: its coverage of the question, its paragraph's and document's, and its cosine with the question. */
export interface MeaningEvidence {
  coverage: number;
  paragraphCoverage: number;
  documentCoverage: number;
  similarity: number;
}

/** The sentences the check asks about: of the best `weights.candidates`, those covering at least `leastCoverage`. */
export function askedAbout<T extends { coverage: number }>(
  weights: Pick<MeaningCheckWeights, 'candidates' | 'leastCoverage'>,
  best: readonly T[],
): T[] {
  return best.slice(0, weights.candidates).filter((candidate) => candidate.coverage >= weights.leastCoverage);
}

/** The check's score of a question: the best of its asked-about sentences' (−∞ when there are none). */
export function bestMeaningScore(weights: MeaningCheckWeights, best: readonly MeaningEvidence[]): number {
  let top = Number.NEGATIVE_INFINITY;
  for (const sentence of askedAbout(weights, best)) top = Math.max(top, meaningScore(weights, sentence));
  return top;
}

/** The decision itself: one of the sentences asked about scores at the threshold or above. */
export function meaningAnswers(weights: MeaningCheckWeights, best: readonly MeaningEvidence[]): boolean {
  return bestMeaningScore(weights, best) >= weights.threshold;
}

export function meaningScore(weights: MeaningCheckWeights, sentence: MeaningEvidence): number {
  return (
    weights.coverage * sentence.coverage +
    weights.paragraphCoverage * sentence.paragraphCoverage +
    weights.documentCoverage * sentence.documentCoverage +
    weights.cosine * sentence.similarity +
    weights.bias
  );
}

/**
 * Puts the ranker's best sentences in order again by meaning: among the sentences up to the last
 * one the check measured, each is ranked by the log of its ranking score plus `weight` × its
 * cosine with the question (ties keep their order). Their scores stay the same set, handed out
 * in the new order, so how far the rest fall behind the best is unchanged. Costs nothing more:
 * the check has already embedded those sentences to decide whether to answer.
 */
export function reorderByMeaning<T extends { hit: { sentence: number }; score: number }>(
  scored: T[],
  similarity: ReadonlyMap<number, number>,
  weight: number,
): void {
  if (weight === 0 || similarity.size === 0) return;
  let measured = 0;
  scored.forEach((candidate, at) => {
    if (similarity.has(candidate.hit.sentence)) measured = at + 1;
  });
  const head = scored.slice(0, measured);
  const scores = head.map((candidate) => candidate.score).sort((a, b) => b - a);
  const key = (candidate: T) => candidate.score + weight * (similarity.get(candidate.hit.sentence) ?? 0);
  head.sort((a, b) => key(b) - key(a));
  head.forEach((candidate, at) => {
    candidate.score = scores[at] as number;
    scored[at] = candidate;
  });
}
