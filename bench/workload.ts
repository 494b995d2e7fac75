import { STOP_WORDS } from '../src/search/index.js';
import {
  type BenchPassage,
  type BenchQuery,
  distinctWords,
  generateCorpus,
  generateQueries,
  rankSeedWords,
} from './corpus.js';
import { loadEvalQuestions, loadSeedCorpus } from './seed.js';

/** `seed` for the knowledge folder, or a passage count for a generated corpus. */
export type CorpusSpec = 'seed' | number;

export interface Workload {
  passages: BenchPassage[];
  /** Measured queries. */
  queries: BenchQuery[];
  /** Different queries (other PRNG seed) run first, unmeasured. */
  warmup: BenchQuery[];
  distinctWords: number;
  evalFile?: string;
}

export const QUERY_COUNT = 200;
export const WARMUP_COUNT = 50;
const QUERY_SEED = 7;
const WARMUP_SEED = 8;

export function parseCorpusSpec(value: string): CorpusSpec {
  if (value === 'seed') return 'seed';
  const count = Number(value);
  if (!Number.isInteger(count) || count <= 0)
    throw new Error(`corpus must be "seed" or a passage count, got ${value}`);
  return count;
}

/** The corpus and its queries; deterministic, so every child process sees the same ones. */
export async function buildWorkload(spec: CorpusSpec): Promise<Workload> {
  const seed = await loadSeedCorpus();
  const passages =
    spec === 'seed'
      ? seed.passages
      : generateCorpus({ passages: spec, seedWords: rankSeedWords(seed.allParagraphTexts) });
  const vocabulary = distinctWords(passages);
  const stopWords = new Set(STOP_WORDS);
  const queries = generateQueries(passages, { count: QUERY_COUNT, seed: QUERY_SEED, stopWords, vocabulary });
  const warmup = generateQueries(passages, { count: WARMUP_COUNT, seed: WARMUP_SEED, stopWords, vocabulary });
  if (spec !== 'seed') return { passages, queries, warmup, distinctWords: vocabulary.size };
  const evaluation = loadEvalQuestions();
  for (const q of evaluation.questions) queries.push({ q, source: -1, typo: false });
  return { passages, queries, warmup, distinctWords: vocabulary.size, evalFile: evaluation.file };
}
