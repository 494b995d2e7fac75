import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 5.0951,
  paragraphCoverage: 5.8154,
  cosine: 9.1402,
  bias: -9.7983,
  threshold: -0.5022,
  leastCoverage: 0.3,
  candidates: 3,
};
