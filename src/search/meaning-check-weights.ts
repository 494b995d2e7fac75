import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 8.2785,
  paragraphCoverage: 4.5455,
  cosine: 8.796,
  bias: -11.466,
  threshold: -0.5351,
  leastCoverage: 0.3,
  candidates: 3,
};
