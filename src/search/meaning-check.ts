import { MEANING_CHECK_WEIGHTS } from './meaning-check-weights.js';
import { cosine, type SentenceEncoder } from './sentence-encoder.js';

/**
 * The rules ranker's second opinion on whether the sources answer a question: word coverage alone
 * answers questions that share most of their words with a sentence about something else, and
 * turns away paraphrases. A sentence encoder compares the question's meaning with the best
 * sentence's; a logistic model of both (coverage, cosine), fitted by `npm run fit:meaning` on
 * SQuAD public articles, decides.
 */
export interface MeaningCheckWeights {
  coverage: number;
  cosine: number;
  bias: number;
  /** Least score (log-odds) to answer. */
  threshold: number;
  /** Below this coverage the encoder is not asked: the answer is "not covered". */
  leastCoverage: number;
}

export type { SentenceEncoder };

/** How many sentence vectors an engine keeps (2 KB each). */
const CACHE_LIMIT = 4096;

export interface MeaningCheck {
  /** True to answer, false to abstain, null when the encoder is unavailable (coverage decides). */
  answers(question: string, sentence: number, coverage: number): boolean | null;
}

/** A check over one engine's sentences; `sentenceText` gives a sentence's text by id. */
export function createMeaningCheck(
  encoder: SentenceEncoder,
  sentenceText: (sentence: number) => string,
  weights: MeaningCheckWeights = MEANING_CHECK_WEIGHTS,
): MeaningCheck {
  const vectors = new Map<number, Float32Array>();
  return {
    answers(question, sentence, coverage) {
      if (coverage < weights.leastCoverage) return false;
      const known = vectors.get(sentence);
      const embedded = encoder.embed(known ? [question] : [question, sentenceText(sentence)]);
      if (!embedded) return null;
      const questionVector = embedded[0] as Float32Array;
      const sentenceVector = known ?? (embedded[1] as Float32Array);
      if (!known) {
        if (vectors.size >= CACHE_LIMIT) vectors.clear();
        vectors.set(sentence, sentenceVector);
      }
      return meaningAnswers(weights, coverage, cosine(questionVector, sentenceVector));
    },
  };
}

/** The decision itself: enough coverage to ask, and a score at the threshold or above. */
export function meaningAnswers(weights: MeaningCheckWeights, coverage: number, similarity: number): boolean {
  return (
    coverage >= weights.leastCoverage && meaningScore(weights, coverage, similarity) >= weights.threshold
  );
}

export function meaningScore(weights: MeaningCheckWeights, coverage: number, similarity: number): number {
  return weights.coverage * coverage + weights.cosine * similarity + weights.bias;
}
