import { MEANING_CHECK_WEIGHTS } from './meaning-check-weights.js';
import { cosine, type SentenceEncoder } from './sentence-encoder.js';

/**
 * The rules ranker's second opinion on whether the sources answer a question: word coverage alone
 * answers questions that share most of their words with a sentence about something else, and
 * turns away paraphrases. A sentence encoder compares the question's meaning with the best
 * sentence's; a logistic model of the sentence's coverage, its paragraph's coverage and that
 * cosine, fitted by `npm run fit:meaning` on SQuAD public articles, decides.
 */
export interface MeaningCheckWeights {
  coverage: number;
  /** Weight of the best sentence's paragraph's coverage of the question. */
  paragraphCoverage: number;
  cosine: number;
  bias: number;
  /** Least score (log-odds) to answer. */
  threshold: number;
  /** Below this coverage a sentence is not asked about (none of the best above it: "not covered"). */
  leastCoverage: number;
  /** How many of the ranker's best sentences may carry the meaning (any one is enough to answer). */
  candidates: number;
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
}

export interface MeaningCheck {
  /** How many of the best sentences it looks at. */
  readonly candidates: number;
  /**
   * Whether any of the ranker's best sentences (the first `weights.candidates`, best first) carries
   * the question's meaning: true to answer, false to abstain, null when the encoder is unavailable
   * (coverage decides).
   */
  answers(question: string, best: readonly CoveredSentence[]): boolean | null;
}

/** A check over one engine's sentences; `sentenceText` gives a sentence's text by id. */
export function createMeaningCheck(
  encoder: SentenceEncoder,
  sentenceText: (sentence: number) => string,
  weights: MeaningCheckWeights = MEANING_CHECK_WEIGHTS,
): MeaningCheck {
  const vectors = new Map<number, Float32Array>();
  return {
    candidates: weights.candidates,
    answers(question, best) {
      const asked = best
        .slice(0, weights.candidates)
        .filter((candidate) => candidate.coverage >= weights.leastCoverage);
      if (asked.length === 0) return false;
      // One call embeds the question and every sentence not seen before.
      const unseen = [...new Set(asked.map((candidate) => candidate.sentence))].filter(
        (sentence) => !vectors.has(sentence),
      );
      const embedded = encoder.embed([question, ...unseen.map(sentenceText)]);
      if (!embedded) return null;
      const questionVector = embedded[0] as Float32Array;
      const found = new Map(asked.map((candidate) => [candidate.sentence, vectors.get(candidate.sentence)]));
      unseen.forEach((sentence, at) => {
        const vector = embedded[at + 1] as Float32Array;
        found.set(sentence, vector);
        if (vectors.size >= CACHE_LIMIT) vectors.clear();
        vectors.set(sentence, vector);
      });
      return asked.some((candidate) =>
        meaningAnswers(
          weights,
          candidate,
          cosine(questionVector, found.get(candidate.sentence) as Float32Array),
        ),
      );
    },
  };
}

/** The decision itself: enough coverage to ask, and a score at the threshold or above. */
export function meaningAnswers(
  weights: MeaningCheckWeights,
  best: Omit<CoveredSentence, 'sentence'>,
  similarity: number,
): boolean {
  return (
    best.coverage >= weights.leastCoverage && meaningScore(weights, best, similarity) >= weights.threshold
  );
}

export function meaningScore(
  weights: MeaningCheckWeights,
  best: Omit<CoveredSentence, 'sentence'>,
  similarity: number,
): number {
  return (
    weights.coverage * best.coverage +
    weights.paragraphCoverage * best.paragraphCoverage +
    weights.cosine * similarity +
    weights.bias
  );
}
