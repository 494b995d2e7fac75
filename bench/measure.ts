/**
 * One measurement in its own process, so heap figures belong to one engine only:
 *   node --expose-gc --import tsx bench/measure.ts <engine> <corpus> [queries]
 * engine: ours | answer | minisearch | minisearch-fuzzy | fuse; corpus: seed | passage count.
 * Prints one JSON line (a Measurement) on stdout.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createEngine } from '../src/answer/index.js';
import type { KnowledgeDocument } from '../src/knowledge/index.js';
import { analyzeQuery, rankSentences, SearchIndex } from '../src/search/index.js';
import { defaultSentenceEncoder, warmUpSentenceEncoder } from '../src/search/sentence-encoder.js';
import type { BenchQuery } from './corpus.js';
import { loadSeedCorpus } from './seed.js';
import { buildWorkload, parseCorpusSpec, type Workload } from './workload.js';

export const ENGINES = [
  'ours',
  'answer',
  'answer-meaning',
  'answer-meaning-cold',
  'minisearch',
  'minisearch-fuzzy',
  'fuse',
] as const;
export type EngineName = (typeof ENGINES)[number];

export interface Measurement {
  engine: EngineName;
  corpus: string;
  passages: number;
  sentences: number;
  distinctWords: number;
  /** Distinct index terms, where the engine reports them (ours: stems). */
  terms: number | null;
  buildMs: number;
  /** Heap after build (after gc) minus heap before it, corpus already loaded. */
  heapBuildMB: number;
  /** The same after every query ran (lazy structures, e.g. typo buckets, included). */
  heapAfterQueriesMB: number;
  /** The very first query, before any warm-up (lazy initialisation included). */
  firstQueryMs: number;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  typoQueries: number;
  typoP95: number | null;
  cleanP95: number | null;
  /** Share of generated queries whose source passage is among the first 10 results (null: not measured). */
  recallAt10: number | null;
  gcExposed: boolean;
}

type Search = (q: string) => number[] | null;

interface Built {
  search: Search;
  terms: number | null;
  /** Resolves when the engine is as ready as the bot's before its first question. */
  ready?: Promise<unknown>;
}

const TOP = 10;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1_048_576;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

function build(engine: EngineName, workload: Workload, documents: readonly KnowledgeDocument[]): Built {
  const { passages } = workload;
  switch (engine) {
    case 'ours': {
      const index = SearchIndex.build(passages.map(({ group, sentences }) => ({ group, sentences })));
      return {
        terms: index.termCount,
        search: (q) => {
          const { hits } = rankSentences(index, analyzeQuery(q, index));
          const top: number[] = [];
          for (const hit of hits) {
            if (!top.includes(hit.passage)) top.push(hit.passage);
            if (top.length === TOP) break;
          }
          return top;
        },
      };
    }
    case 'answer': {
      const built = createEngine(documents);
      return {
        terms: built.index.termCount,
        search: (q) => {
          built.answer(q);
          return null;
        },
      };
    }
    case 'answer-meaning':
    case 'answer-meaning-cold': {
      // As the bot answers: the first stage, then the answer model with the sentence encoder. The
      // encoder's model is loaded first and the sources' sentences embedded before the first
      // question (the bot does both at start-up, the second in the background). The cold
      // variant embeds each sentence when a question first reaches it.
      const meaning = defaultSentenceEncoder();
      if (!meaning || !warmUpSentenceEncoder(meaning)) throw new Error('the sentence encoder is unavailable');
      const built = createEngine(documents, { meaning });
      return {
        ...(engine === 'answer-meaning' ? { ready: built.prefetchMeaning() } : {}),
        terms: built.index.termCount,
        search: (q) => {
          built.answer(q);
          return null;
        },
      };
    }
    case 'minisearch':
    case 'minisearch-fuzzy': {
      const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
      mini.addAll(passages.map((passage, id) => ({ id, text: passage.text })));
      const options = engine === 'minisearch-fuzzy' ? { fuzzy: 0.2 } : {};
      return {
        terms: mini.termCount,
        search: (q) =>
          mini
            .search(q, options)
            .slice(0, TOP)
            .map((result) => result.id as number),
      };
    }
    case 'fuse': {
      const fuse = new Fuse(passages, { keys: ['text'], ignoreLocation: true, threshold: 0.4 });
      return {
        terms: null,
        search: (q) =>
          fuse
            .search(q)
            .slice(0, TOP)
            .map((result) => result.refIndex),
      };
    }
  }
}

async function main(): Promise<void> {
  const [engineArg, corpusArg, countArg] = process.argv.slice(2);
  if (!ENGINES.includes(engineArg as EngineName) || corpusArg === undefined) {
    throw new Error(`usage: measure.ts <${ENGINES.join('|')}> <seed|passages> [queries]`);
  }
  const engine = engineArg as EngineName;
  const spec = parseCorpusSpec(corpusArg);
  const answers = engine === 'answer' || engine.startsWith('answer-meaning');
  if (answers && spec !== 'seed') throw new Error('the answer engine runs on the seed corpus only');
  const workload = await buildWorkload(spec);
  const documents = answers ? (await loadSeedCorpus()).documents : [];
  const limit = countArg === undefined ? workload.queries.length : Number(countArg);
  // A smaller sample is the first queries: every fourth generated query has a typo, so it keeps the share.
  const queries: BenchQuery[] = workload.queries.slice(0, limit);
  const warmup = workload.warmup.slice(
    0,
    Math.min(workload.warmup.length, Math.max(3, Math.ceil(limit / 4))),
  );

  gc();
  const heapBefore = heapMB();
  const start = performance.now();
  const built = build(engine, workload, documents);
  const buildMs = performance.now() - start;
  await built.ready;
  gc();
  const heapBuildMB = heapMB() - heapBefore;

  // The first query pays for lazy initialisation; warm-up queries are different from the measured ones.
  const [first, ...rest] = warmup;
  const firstStart = performance.now();
  if (first) built.search(first.q);
  const firstQueryMs = performance.now() - firstStart;
  for (const query of rest) built.search(query.q);

  const times: number[] = [];
  const typoTimes: number[] = [];
  const cleanTimes: number[] = [];
  let sourced = 0;
  let found = 0;
  for (const query of queries) {
    const t0 = performance.now();
    const top = built.search(query.q);
    const elapsed = performance.now() - t0;
    times.push(elapsed);
    (query.typo ? typoTimes : cleanTimes).push(elapsed);
    if (top && query.source >= 0) {
      sourced++;
      if (top.includes(query.source)) found++;
    }
  }
  gc();
  const heapAfterQueriesMB = heapMB() - heapBefore;
  const sorted = [...times].sort((a, b) => a - b);
  const sortedTypo = typoTimes.sort((a, b) => a - b);
  const sortedClean = cleanTimes.sort((a, b) => a - b);
  const measurement: Measurement = {
    engine,
    corpus: String(spec),
    passages: workload.passages.length,
    sentences: workload.passages.reduce((total, passage) => total + passage.sentences.length, 0),
    distinctWords: workload.distinctWords,
    terms: built.terms,
    buildMs,
    heapBuildMB,
    heapAfterQueriesMB,
    firstQueryMs,
    queries: queries.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    typoQueries: typoTimes.length,
    typoP95: sortedTypo.length > 0 ? percentile(sortedTypo, 95) : null,
    cleanP95: sortedClean.length > 0 ? percentile(sortedClean, 95) : null,
    recallAt10: sourced > 0 ? found / sourced : null,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
  // Keep the engine alive until after the last heap reading.
  built.search('');
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

const isMain = process.argv[1]?.endsWith('measure.ts');
if (isMain) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
