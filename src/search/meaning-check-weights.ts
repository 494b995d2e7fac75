import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 11.4376,
  paragraphCoverage: 2.4686,
  cosine: 9.33,
  bias: -13.0926,
  threshold: -0.6218,
  leastCoverage: 0.3,
  candidates: 3,
};
