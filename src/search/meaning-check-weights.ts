import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by `npm run fit:meaning` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
  coverage: 13.409,
  paragraphCoverage: 2.4512,
  documentCoverage: -2.9784,
  cosine: 8.8156,
  bias: -11.1539,
  threshold: -0.5232,
  leastCoverage: 0.3,
  candidates: 3,
  rerank: 0.75,
};
