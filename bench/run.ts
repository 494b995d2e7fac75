/**
 * `npm run bench`: our engine vs MiniSearch vs plain fuse.js on the seed corpus and on generated
 * corpora of 1k, 10k and 100k passages. Each (engine, corpus) runs in its own Node process
 * (bench/measure.ts, with --expose-gc) so heap figures are the engine's own. Exits 1 when a
 * target is missed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineName, Measurement } from './measure.js';
import { runPostgresBench } from './postgres.js';
import { runScale } from './run-scale.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN_DISTINCT_TERMS_100K = 50_000;

interface Job {
  engine: EngineName;
  corpus: 'seed' | number;
  /** Measured queries; undefined: all (~200). */
  queries?: number;
}

const SIZES = [1_000, 10_000, 100_000] as const;
/** Plain fuse.js is linear in the corpus: measured up to 10k passages, on fewer queries. */
const FUSE_QUERIES: Record<number, number> = { 1000: 40, 10000: 20 };
/** Fewer queries at 100k keep the whole run near three minutes (ours and MiniSearch are slow there). */
const QUERIES_100K = 100;

const jobs: Job[] = [
  { engine: 'ours', corpus: 'seed' },
  { engine: 'answer', corpus: 'seed' },
  { engine: 'answer-meaning', corpus: 'seed' },
  { engine: 'answer-meaning-cold', corpus: 'seed' },
  { engine: 'minisearch', corpus: 'seed' },
  { engine: 'minisearch-fuzzy', corpus: 'seed' },
  { engine: 'fuse', corpus: 'seed' },
];
for (const size of SIZES) {
  const queries = size === 100_000 ? QUERIES_100K : undefined;
  jobs.push({ engine: 'ours', corpus: size, queries }, { engine: 'minisearch', corpus: size, queries });
  if (size <= 10_000) {
    jobs.push(
      { engine: 'minisearch-fuzzy', corpus: size },
      { engine: 'fuse', corpus: size, queries: FUSE_QUERIES[size] },
    );
  }
}

const LABELS: Record<EngineName, string> = {
  ours: 'ours (analyzeQuery+rankSentences)',
  answer: 'ours, full engine.answer',
  'answer-meaning': 'ours, answer + answer model',
  'answer-meaning-cold': 'ours, answer + answer model, no prefetch',
  minisearch: 'MiniSearch (defaults)',
  'minisearch-fuzzy': 'MiniSearch (fuzzy: 0.2)',
  fuse: 'fuse.js over passages',
};

function runJob(job: Job): Measurement {
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    path.join('bench', 'measure.ts'),
    job.engine,
    String(job.corpus),
  ];
  if (job.queries !== undefined) args.push(String(job.queries));
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${job.engine} on ${job.corpus} failed (${result.status ?? result.signal}):\n${result.stderr}`,
    );
  }
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  const measurement = JSON.parse(line) as Measurement;
  process.stderr.write(
    `  ${job.engine} on ${job.corpus}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return measurement;
}

const ms = (value: number | null) =>
  value === null || Number.isNaN(value) ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(2);
const mb = (value: number) => value.toFixed(1);
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 2 : 1)}x` : '-');

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row, at) => {
      const line = row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ');
      return at === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

/** fuse.js at 100k: the 10k figures times ten (fuse.js scans every passage per query). */
function extrapolateFuse(at10k: Measurement): Measurement {
  return {
    ...at10k,
    corpus: '100000',
    passages: at10k.passages * 10,
    buildMs: at10k.buildMs * 10,
    heapBuildMB: at10k.heapBuildMB * 10,
    heapAfterQueriesMB: at10k.heapAfterQueriesMB * 10,
    firstQueryMs: at10k.firstQueryMs * 10,
    p50: at10k.p50 * 10,
    p95: at10k.p95 * 10,
    p99: at10k.p99 * 10,
    max: at10k.max * 10,
    mean: at10k.mean * 10,
    typoP95: at10k.typoP95 === null ? null : at10k.typoP95 * 10,
    cleanP95: at10k.cleanP95 === null ? null : at10k.cleanP95 * 10,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  // BENCH_ONLY=postgres runs only the knowledge-in-PostgreSQL part (bench/postgres.ts).
  if (process.env.BENCH_ONLY === 'postgres') {
    if (!(await runPostgresBench())) process.exitCode = 1;
    return;
  }
  // BENCH_ONLY=scale runs only the scale curve (see bench/README.md).
  const scaleOnly = process.env.BENCH_ONLY === 'scale';
  process.stderr.write(
    `research-bot bench: ${scaleOnly ? 0 : jobs.length} measurements, one process each, then the scale curve\n`,
  );
  const results: Measurement[] = scaleOnly ? [] : jobs.map(runJob);
  const corpora = ['seed', ...SIZES.map(String)];
  const extrapolated = new Set<Measurement>();
  const at10k = results.find((r) => r.engine === 'fuse' && r.corpus === '10000');
  if (at10k) {
    const estimate = extrapolateFuse(at10k);
    extrapolated.add(estimate);
    results.push(estimate);
  }
  const out: string[] = [];
  out.push(
    `Node ${process.version}, ${process.platform}/${process.arch}; times in ms, heap in MB (heapUsed after gc, minus before build)`,
  );
  for (const corpus of corpora) {
    const rows = results.filter((r) => r.corpus === corpus);
    const first = rows[0];
    if (!first) continue;
    const terms = rows.find((r) => r.engine === 'ours')?.terms;
    out.push('');
    out.push(
      `== ${corpus === 'seed' ? 'seed corpus (knowledge/, article paragraphs)' : `${Number(corpus).toLocaleString('en-US')} generated passages`}: ` +
        `${first.passages.toLocaleString('en-US')} passages, ${first.sentences.toLocaleString('en-US')} sentences, ` +
        `${first.distinctWords.toLocaleString('en-US')} distinct words${terms ? `, ${terms.toLocaleString('en-US')} stems indexed` : ''}`,
    );
    const header = [
      'engine',
      'build',
      'heap',
      'heap+q',
      '1st q',
      'queries',
      'typo',
      'p50',
      'p95',
      'p99',
      'typo p95',
      'recall@10',
    ];
    out.push(
      table([
        header,
        ...rows.map((r) => [
          `${LABELS[r.engine]}${extrapolated.has(r) ? ' [EXTRAPOLATED x10 from 10k]' : ''}`,
          ms(r.buildMs),
          mb(r.heapBuildMB),
          mb(r.heapAfterQueriesMB),
          ms(r.firstQueryMs),
          extrapolated.has(r) ? '-' : String(r.queries),
          extrapolated.has(r) ? '-' : String(r.typoQueries),
          ms(r.p50),
          ms(r.p95),
          ms(r.p99),
          ms(r.typoP95),
          r.recallAt10 === null ? '-' : `${(r.recallAt10 * 100).toFixed(0)}%`,
        ]),
      ]),
    );
  }

  out.push('');
  out.push('== ratios (other / ours; >1 means ours is faster or smaller)');
  const ratioRows = [
    [
      'corpus',
      'fuse p95',
      'fuse p50',
      'mini p95',
      'mini p50',
      'mini build',
      'mini heap',
      'fuse build',
      'fuse heap',
    ],
  ];
  for (const corpus of corpora) {
    const ours = results.find((r) => r.corpus === corpus && r.engine === 'ours');
    const mini = results.find((r) => r.corpus === corpus && r.engine === 'minisearch');
    const fuse = results.find((r) => r.corpus === corpus && r.engine === 'fuse');
    if (!ours) continue;
    const mark = fuse && extrapolated.has(fuse) ? '*' : '';
    ratioRows.push([
      corpus,
      fuse ? `${ratio(fuse.p95, ours.p95)}${mark}` : '-',
      fuse ? `${ratio(fuse.p50, ours.p50)}${mark}` : '-',
      mini ? ratio(mini.p95, ours.p95) : '-',
      mini ? ratio(mini.p50, ours.p50) : '-',
      mini ? ratio(mini.buildMs, ours.buildMs) : '-',
      mini ? ratio(mini.heapAfterQueriesMB, ours.heapAfterQueriesMB) : '-',
      fuse ? `${ratio(fuse.buildMs, ours.buildMs)}${mark}` : '-',
      fuse ? `${ratio(fuse.heapAfterQueriesMB, ours.heapAfterQueriesMB)}${mark}` : '-',
    ]);
  }
  out.push(table(ratioRows));
  out.push('* fuse.js at 100k is EXTRAPOLATED linearly from its 10k measurement (x10), not measured.');

  out.push('');
  out.push('== targets (ours, typo tolerance on)');
  const seed = results.find((r) => r.corpus === 'seed' && r.engine === 'ours');
  const seedAnswer = results.find((r) => r.corpus === 'seed' && r.engine === 'answer');
  const big = results.find((r) => r.corpus === '100000' && r.engine === 'ours');
  const checks: Array<[string, boolean]> = [];
  if (seed) checks.push([`seed corpus p95 ${ms(seed.p95)} ms <= 2 ms (rank only)`, seed.p95 <= 2]);
  if (seedAnswer)
    checks.push([
      `seed corpus p95 ${ms(seedAnswer.p95)} ms <= 2 ms (full engine.answer)`,
      seedAnswer.p95 <= 2,
    ]);
  const seedMeaning = results.find((r) => r.corpus === 'seed' && r.engine === 'answer-meaning');
  const seedCold = results.find((r) => r.corpus === 'seed' && r.engine === 'answer-meaning-cold');
  if (seedAnswer && seedMeaning)
    out.push(
      `info  seed corpus with the answer model (sentence encoder, as the bot answers): p50 ${ms(seedMeaning.p50)} ms, p95 ${ms(seedMeaning.p95)} ms, ${ratio(seedMeaning.p95, seedAnswer.p95)} the p95 of coverage alone`,
    );
  if (seedMeaning && seedCold)
    out.push(
      `info  seed corpus with the answer model, sentences embedded ahead (as the bot) vs when first reached: 1st q ${ms(seedMeaning.firstQueryMs)} vs ${ms(seedCold.firstQueryMs)} ms, p95 ${ms(seedMeaning.p95)} vs ${ms(seedCold.p95)} ms, p99 ${ms(seedMeaning.p99)} vs ${ms(seedCold.p99)} ms (${ratio(seedCold.p99, seedMeaning.p99)} faster at p99)`,
    );
  if (seedMeaning)
    checks.push([
      `seed corpus p95 ${ms(seedMeaning.p95)} ms <= 1 ms as the bot answers, answer model on (issue 9)`,
      seedMeaning.p95 <= 1,
    ]);
  if (seedMeaning)
    checks.push([
      `seed corpus p95 ${ms(seedMeaning.p95)} ms <= 15 ms as the bot answers, answer model on (issue 23)`,
      seedMeaning.p95 <= 15,
    ]);
  if (big) {
    checks.push(
      [
        `100k distinct words ${big.distinctWords.toLocaleString('en-US')} >= ${MIN_DISTINCT_TERMS_100K.toLocaleString('en-US')} (corpus realism)`,
        big.distinctWords >= MIN_DISTINCT_TERMS_100K,
      ],
      [`100k p95 ${ms(big.p95)} ms <= 20 ms`, big.p95 <= 20],
      [`100k build ${ms(big.buildMs)} ms <= 10,000 ms`, big.buildMs <= 10_000],
      [`100k heap ${mb(big.heapAfterQueriesMB)} MB <= 500 MB (after queries)`, big.heapAfterQueriesMB <= 500],
    );
  }
  if (scaleOnly) out.length = 0;
  else for (const [label, pass] of checks) out.push(`${pass ? 'PASS' : 'FAIL'}  ${label}`);
  process.stdout.write(`${out.join('\n')}\n`);
  const scale = runScale();
  const postgres = await runPostgresBench();
  out.length = 0;
  out.push('');
  out.push(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (!scale.pass || !postgres || (!scaleOnly && (checks.some(([, pass]) => !pass) || checks.length < 6)))
    process.exitCode = 1;
}

await main();
