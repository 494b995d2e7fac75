/**
 * The scale curve: the whole engine (knowledge files → documents → index → answers) on generated
 * knowledge folders, one step per process so heap figures belong to that step:
 *   node --expose-gc --import tsx bench/scale.ts <prepare|build|serve|minisearch> <passages>
 * prepare writes the folder and its queries (once; kept in the OS temp folder); build parses and
 * indexes it from scratch and saves the snapshot; serve starts from the snapshot, answers the
 * queries and reloads after one file changes; minisearch does the same with MiniSearch (its JSON
 * as the snapshot). Each prints one JSON line.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { createEngine, RULES_NEIGHBOURS, RULES_RANK } from '../src/answer/engine.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { buildEngine } from '../src/runtime/build-engine.js';
import { analyzeQuery, rankSentences } from '../src/search/index.js';
import { analyzeQueryWithRules } from '../src/search/query-rules.js';
import { defaultSentenceEncoder, warmUpSentenceEncoder } from '../src/search/sentence-encoder.js';
import { indexSettings, SnapshotStore, snapshotFileFor } from '../src/snapshot/index.js';
import type { BenchQuery } from './corpus.js';
import { reportFileName, writeKnowledgeFolder } from './knowledge-folder.js';
import { percentile } from './measure.js';
import { buildWorkload } from './workload.js';

export const SCALE_STEPS = ['prepare', 'build', 'serve', 'minisearch'] as const;
export type ScaleStep = (typeof SCALE_STEPS)[number];

/** Bumped when the generated folders change, so old ones are written again. */
const FOLDER_VERSION = 1;
const ENGINE_OPTIONS = { maxExcerpts: 3 };
/** Measured questions per corpus; fewer at 1M, where each step is slow. */
const QUERIES = 200;
const WARMUP = 20;

export interface ScaleResult {
  step: ScaleStep;
  passages: number;
  files?: number;
  sentences?: number;
  /** Parse and index from scratch (build), or MiniSearch's addAll. */
  buildMs?: number;
  /** Snapshot written (build) and its size. */
  saveMs?: number;
  snapshotMB?: number;
  /** Start-up from a matching snapshot, files read and hashed included (serve). */
  loadMs?: number;
  /** heapUsed after gc, process total (not a difference), and resident set size. */
  heapMB?: number;
  rssMB?: number;
  externalMB?: number;
  firstQueryMs?: number;
  queries?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** The index's part alone (question analysis and first-stage ranking, no reranking or excerpts). */
  rankP50?: number;
  rankP95?: number;
  /** The rules ranker's first stage with word neighbours (soft matching), as the bot ranks. */
  neighboursRankP95?: number;
  /** engine.answer (no answer model) without word neighbours, over the same index: the alternative. */
  plainP95?: number;
  /**
   * engine.answer with the answer model (sentence encoder), as the bot answers at this size: over
   * PREFETCH_LIMIT sentences nothing is embedded ahead, so each answer embeds its question and up to
   * three new candidate sentences.
   */
  meaningP50?: number;
  meaningP95?: number;
  /** One file changed: the time until the new engine serves it (serve). */
  reloadMs?: number;
  reloadIndexed?: number;
  reloadServesChange?: boolean;
}

/** Where the generated folder, its queries and its snapshot live. */
export function scaleFolder(passages: number): {
  root: string;
  knowledge: string;
  queries: string;
  cache: string;
} {
  const root = path.join(os.tmpdir(), 'research-bot-bench', `v${FOLDER_VERSION}-${passages}`);
  return {
    root,
    knowledge: path.join(root, 'knowledge'),
    queries: path.join(root, 'queries.json'),
    cache: path.join(root, 'cache'),
  };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

function memory(): Pick<ScaleResult, 'heapMB' | 'rssMB' | 'externalMB'> {
  gc();
  const usage = process.memoryUsage();
  return {
    heapMB: usage.heapUsed / 1_048_576,
    rssMB: usage.rss / 1_048_576,
    externalMB: (usage.external + usage.arrayBuffers) / 1_048_576,
  };
}

const quiet = {
  info: () => undefined,
  warn: (fields: object, message: string) => console.error(message, fields),
};

async function prepare(passages: number): Promise<ScaleResult> {
  const folder = scaleFolder(passages);
  const done = path.join(folder.root, 'complete');
  if (!existsSync(done)) {
    await rm(folder.root, { recursive: true, force: true });
    const workload = await buildWorkload(passages);
    const files = await writeKnowledgeFolder(folder.knowledge, workload.passages);
    const queries = {
      measured: workload.queries.slice(0, QUERIES),
      warmup: workload.warmup.slice(0, WARMUP),
    };
    await writeFile(folder.queries, JSON.stringify(queries));
    await writeFile(done, String(files));
  }
  return { step: 'prepare', passages, files: Number(await readFile(done, 'utf8')) };
}

async function build(passages: number): Promise<ScaleResult> {
  const folder = scaleFolder(passages);
  await rm(folder.cache, { recursive: true, force: true });
  gc();
  const started = performance.now();
  const built = await buildEngine(folder.knowledge, ENGINE_OPTIONS, { logger: quiet });
  const buildMs = performance.now() - started;
  const store = new SnapshotStore(
    snapshotFileFor(folder.cache, folder.knowledge),
    indexSettings(ENGINE_OPTIONS),
    quiet,
  );
  const saving = performance.now();
  if (!(await store.write(built.engine.index, built.engine.documents, built.stamps)))
    throw new Error('snapshot not written');
  const saveMs = performance.now() - saving;
  const snapshotMB = (await stat(store.file)).size / 1_048_576;
  return {
    step: 'build',
    passages,
    files: built.engine.documents.length,
    sentences: built.engine.index.sentenceCount,
    buildMs,
    saveMs,
    snapshotMB,
    ...memory(),
  };
}

async function readQueries(passages: number): Promise<{ measured: BenchQuery[]; warmup: BenchQuery[] }> {
  return JSON.parse(await readFile(scaleFolder(passages).queries, 'utf8'));
}

function latencies(
  answer: (q: string) => void,
  measured: readonly BenchQuery[],
  warmup: readonly BenchQuery[],
) {
  const [first, ...rest] = warmup;
  const firstStarted = performance.now();
  if (first) answer(first.q);
  const firstQueryMs = performance.now() - firstStarted;
  for (const query of rest) answer(query.q);
  const times = measured.map((query) => {
    const started = performance.now();
    answer(query.q);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return {
    firstQueryMs,
    queries: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

async function serve(passages: number): Promise<ScaleResult> {
  const folder = scaleFolder(passages);
  const { measured, warmup } = await readQueries(passages);
  const store = new SnapshotStore(
    snapshotFileFor(folder.cache, folder.knowledge),
    indexSettings(ENGINE_OPTIONS),
    quiet,
  );
  gc();
  const started = performance.now();
  const built = await buildEngine(folder.knowledge, ENGINE_OPTIONS, { snapshot: store, logger: quiet });
  const loadMs = performance.now() - started;
  if (!built.matchesSnapshot) throw new Error('the snapshot did not match the folder; run build first');
  const loaded = memory();
  const { index } = built.engine;
  const ranking = latencies((q) => rankSentences(index, analyzeQuery(q, index)), measured, warmup);
  const timing = latencies((q) => built.engine.answer(q), measured, warmup);
  const neighbourRanking = latencies(
    (q) => rankSentences(index, analyzeQueryWithRules(q, index, RULES_NEIGHBOURS), RULES_RANK),
    measured,
    warmup,
  );
  const afterQueries = memory();
  const { documents } = built.engine;
  const plain = createEngine(documents, { ...ENGINE_OPTIONS, neighbours: null }, { index, documents });
  const plainTiming = latencies((q) => plain.answer(q), measured, warmup);
  const meaning = defaultSentenceEncoder();
  if (!meaning || !warmUpSentenceEncoder(meaning)) throw new Error('the sentence encoder is unavailable');
  const withMeaning = createEngine(documents, { ...ENGINE_OPTIONS, meaning }, { index, documents });
  const meaningTiming = latencies((q) => withMeaning.answer(q), measured, warmup);
  meaning.close();

  // One file changed: a new sentence with a word no other file has, then the reload.
  const file = path.join(folder.knowledge, reportFileName(Math.floor(built.engine.documents.length / 2)));
  const original = await readFile(file, 'utf8');
  try {
    await writeFile(file, `${original}\nThe quixotrel survey counted 77 zephyrine libraries.\n`);
    const reloading = performance.now();
    const reloaded = await buildEngine(folder.knowledge, ENGINE_OPTIONS, { previous: built, logger: quiet });
    const answer = reloaded.engine.answer('How many zephyrine libraries did the quixotrel survey count?');
    const reloadMs = performance.now() - reloading;
    return {
      step: 'serve',
      passages,
      files: built.engine.documents.length,
      sentences: built.engine.index.sentenceCount,
      loadMs,
      ...loaded,
      ...timing,
      rankP50: ranking.p50,
      neighboursRankP95: neighbourRanking.p95,
      plainP95: plainTiming.p95,
      meaningP50: meaningTiming.p50,
      meaningP95: meaningTiming.p95,
      rankP95: ranking.p95,
      heapMB: Math.max(loaded.heapMB ?? 0, afterQueries.heapMB ?? 0),
      reloadMs,
      reloadIndexed: reloaded.indexed,
      reloadServesChange: answer.excerpts[0]?.quote.includes('quixotrel') ?? false,
    };
  } finally {
    await writeFile(file, original);
  }
}

async function minisearch(passages: number): Promise<ScaleResult> {
  const folder = scaleFolder(passages);
  const { measured, warmup } = await readQueries(passages);
  const { documents } = await loadKnowledge(folder.knowledge);
  const texts = documents.flatMap((document) =>
    document.paragraphs.map((paragraph) => document.body.slice(paragraph.start, paragraph.end)),
  );
  documents.length = 0;
  gc();
  const options = { fields: ['text'] };
  let started = performance.now();
  const built = new MiniSearch<{ id: number; text: string }>(options);
  built.addAll(texts.map((text, id) => ({ id, text })));
  const buildMs = performance.now() - started;
  const json = JSON.stringify(built);
  const file = path.join(folder.cache, 'minisearch.json');
  await mkdir(folder.cache, { recursive: true });
  await writeFile(file, json);
  const snapshotMB = json.length / 1_048_576;
  started = performance.now();
  const loaded = MiniSearch.loadJSON<{ id: number; text: string }>(await readFile(file, 'utf8'), options);
  const loadMs = performance.now() - started;
  const heap = memory();
  const timing = latencies((q) => loaded.search(q), measured, warmup);
  return { step: 'minisearch', passages, buildMs, loadMs, snapshotMB, ...heap, ...timing };
}

async function main(): Promise<void> {
  const [step, count] = process.argv.slice(2);
  const passages = Number(count);
  if (!SCALE_STEPS.includes(step as ScaleStep) || !Number.isInteger(passages) || passages <= 0)
    throw new Error(`usage: scale.ts <${SCALE_STEPS.join('|')}> <passages>`);
  const run = { prepare, build, serve, minisearch }[step as ScaleStep];
  process.stdout.write(`${JSON.stringify(await run(passages))}\n`);
}

if (process.argv[1]?.endsWith('scale.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
