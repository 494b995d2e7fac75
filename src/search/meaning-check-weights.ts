import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 8.9,
  cosine: 8.1,
  bias: -8.7,
  threshold: -0.9,
  leastCoverage: 0.3,
};
