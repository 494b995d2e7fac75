import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 8.2744,
  paragraphCoverage: 4.5418,
  cosine: 8.7986,
  bias: -11.4617,
  threshold: -0.534,
  leastCoverage: 0.3,
  candidates: 3,
};
