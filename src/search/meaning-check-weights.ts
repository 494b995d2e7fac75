import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 10.861,
  cosine: 9.5304,
  bias: -10.4484,
  threshold: -1.0093,
  leastCoverage: 0.3,
};
