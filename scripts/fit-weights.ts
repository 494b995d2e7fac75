/**
 * Fits the reranker's and the abstention's weights on the public half of SQuAD v1.1 dev
 * (articles 0–23; 24–47 are held back and never read) and writes src/search/learned-weights.ts.
 *
 *   npm run fit            (reads ../shared/eval/squad/dev-v1.1.json)
 *
 * Reranker: a linear score over FEATURE_NAMES, fitted as a softmax over each question's candidate
 * sentences (the right ones cover the start of a gold answer), L2-regularised. It prints the
 * first-sentence accuracy on articles 12–23 when fitted on 0–11 only, as an overfitting check.
 * Abstention: logistic regression over ABSTAIN_FEATURE_NAMES, with the knowledge base holding half
 * of the articles: questions about those are answerable, questions about the other half are not.
 * The threshold is the highest that still answers `ANSWERED_TARGET` of answerable questions.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type LearnedWeights } from '../src/answer/engine.js';
import { defaultSquadFile } from '../src/cli/eval-squad.js';
import { loadSquadArticles, type SquadQuestion, sample } from '../src/eval/squad.js';
import { ABSTAIN_FEATURE_NAMES, byQuestionLength, RANK_WEIGHT_NAMES } from '../src/search/features.js';

const ANSWERED_TARGET = 0.975;
/** Questions per half-knowledge-base run of the abstention fit. */
const ABSTAIN_SAMPLE = 3000;
const EMPTY: LearnedWeights = {
  rank: { names: [], weights: [] },
  abstain: { names: [], weights: [], threshold: 0.5 },
};

interface RankingExample {
  article: number;
  /** How many concepts the question has (short and long questions have their own weights). */
  concepts: number;
  features: Float64Array[];
  positive: boolean[];
  /** How much the example counts in the loss (seed-style questions count more: there are few). */
  weight?: number;
}

/**
 * The project's own evaluation questions (news articles, short questions) beside SQuAD, so the
 * weights fit both kinds of question; each counts SEED_WEIGHT times. The gated sample and the
 * extra questions are fitted in turn on the other's absence to report how well that generalises.
 */
const SEED_WEIGHT = Number(process.argv.find((arg) => arg.startsWith('--seed-weight='))?.split('=')[1] ?? 25);

async function seedExamples(files: string[], weights: LearnedWeights): Promise<{ ranking: RankingExample[]; abstain: Array<{ row: Float64Array; answerable: boolean }> }> {
  const { loadKnowledge } = await import('../src/knowledge/load.js');
  const { readEvalQuestions, normalizeForEval } = await import('../src/eval/evaluate.js');
  const { documents } = await loadKnowledge(SEED_DIR);
  const engine = createEngine(documents, { ranker: 'learned', weights });
  const ranking: RankingExample[] = [];
  const abstain: Array<{ row: Float64Array; answerable: boolean }> = [];
  for (const file of files) {
    for (const question of await readEvalQuestions(file)) {
      const analysis = engine.analyze(question.q);
      if (!analysis) continue;
      abstain.push({ row: analysis.abstainFeatures, answerable: !question.none });
      if (question.none) continue;
      const phrases = (question.any ?? []).map(normalizeForEval);
      const positive = analysis.scored.map(({ hit }) => {
        const where = engine.locate(hit.sentence);
        const body = documents.find((document) => document.meta.id === where.documentId)?.body ?? '';
        const text = normalizeForEval(body.slice(where.start, where.end));
        return phrases.some((phrase) => text.includes(phrase) || (text.length > 40 && phrase.includes(text)));
      });
      if (!positive.some(Boolean)) continue;
      const concepts = analysis.query.concepts.length;
      ranking.push({
        article: -1,
        concepts,
        features: analysis.scored.map((s) => byQuestionLength(s.features, concepts)),
        positive,
        weight: SEED_WEIGHT,
      });
    }
  }
  return { ranking, abstain };
}

function rankingExamples(engine: Engine, questions: readonly SquadQuestion[]): RankingExample[] {
  const examples: RankingExample[] = [];
  for (const question of questions) {
    const analysis = engine.analyze(question.question);
    if (!analysis) continue;
    const positive = analysis.scored.map(({ hit }) => {
      const where = engine.locate(hit.sentence);
      return (
        where.documentId === question.documentId &&
        question.answerStarts.some((start) => start >= where.start && start < where.end)
      );
    });
    if (!positive.some(Boolean)) continue;
    const concepts = analysis.query.concepts.length;
    examples.push({
      article: question.article,
      concepts,
      features: analysis.scored.map((s) => byQuestionLength(s.features, concepts)),
      positive,
    });
  }
  return examples;
}

function standardise(rows: Float64Array[], size: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(size);
  const scale = new Float64Array(size);
  for (const row of rows) for (let i = 0; i < size; i++) mean[i] = (mean[i] as number) + (row[i] as number);
  for (let i = 0; i < size; i++) mean[i] = (mean[i] as number) / rows.length;
  for (const row of rows)
    for (let i = 0; i < size; i++) scale[i] = (scale[i] as number) + ((row[i] as number) - (mean[i] as number)) ** 2;
  for (let i = 0; i < size; i++) {
    const sd = Math.sqrt((scale[i] as number) / rows.length);
    scale[i] = sd > 1e-9 ? 1 / sd : 0;
  }
  return { mean, scale };
}

/** Adam on a differentiable loss of standardised weights. */
function adam(size: number, lossAndGradient: (w: Float64Array) => { loss: number; gradient: Float64Array }, steps = 400) {
  const w = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const rate = 0.05;
  let loss = 0;
  for (let step = 1; step <= steps; step++) {
    const result = lossAndGradient(w);
    loss = result.loss;
    for (let i = 0; i < size; i++) {
      const g = result.gradient[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * g;
      v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
      const mHat = (m[i] as number) / (1 - 0.9 ** step);
      const vHat = (v[i] as number) / (1 - 0.999 ** step);
      w[i] = (w[i] as number) - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return { w, loss };
}

/** Every feature must be a finite number: one NaN would make every weight NaN. */
function checkFinite(examples: RankingExample[]): void {
  for (const example of examples)
    for (const row of example.features)
      row.forEach((value, i) => {
        if (!Number.isFinite(value))
          throw new Error(`feature ${RANK_WEIGHT_NAMES[i]} is ${value} (article ${example.article})`);
      });
}

function fitRanker(examples: RankingExample[], l2 = 1e-3): number[] {
  checkFinite(examples);
  const size = RANK_WEIGHT_NAMES.length;
  const { mean, scale } = standardise(
    examples.flatMap((example) => example.features),
    size,
  );
  const z = examples.map((example) =>
    example.features.map((row) => Float64Array.from(row, (value, i) => (value - (mean[i] as number)) * (scale[i] as number))),
  );
  const { w } = adam(size, (weights) => {
    const gradient = new Float64Array(size);
    let loss = 0;
    examples.forEach((example, e) => {
      const rows = z[e] as Float64Array[];
      const scores = rows.map((row) => row.reduce((sum, value, i) => sum + value * (weights[i] as number), 0));
      const max = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - max));
      const all = exps.reduce((a, b) => a + b, 0);
      const good = exps.reduce((sum, value, i) => sum + (example.positive[i] ? value : 0), 0);
      const weight = example.weight ?? 1;
      loss -= weight * Math.log(good / all);
      rows.forEach((row, r) => {
        const p = weight * ((exps[r] as number) / all - (example.positive[r] ? (exps[r] as number) / good : 0));
        for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + p * (row[i] as number);
      });
    });
    for (let i = 0; i < size; i++) {
      gradient[i] = (gradient[i] as number) / examples.length + 2 * l2 * (weights[i] as number);
      loss += l2 * (weights[i] as number) ** 2;
    }
    return { loss: loss / examples.length, gradient };
  });
  return Array.from(w, (value, i) => round(value * (scale[i] as number)));
}

function topAccuracy(examples: RankingExample[], weights: readonly number[]): number {
  let right = 0;
  for (const example of examples) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    example.features.forEach((row, r) => {
      const score = row.reduce((sum, value, i) => sum + value * (weights[i] as number), 0);
      if (score > bestScore) {
        bestScore = score;
        best = r;
      }
    });
    if (example.positive[best]) right++;
  }
  return right / Math.max(1, examples.length);
}

function fitLogistic(rows: Float64Array[], labels: boolean[], l2 = 1e-3): number[] {
  const size = ABSTAIN_FEATURE_NAMES.length;
  const { mean, scale } = standardise(rows, size);
  mean[0] = 0;
  scale[0] = 1;
  const z = rows.map((row) => Float64Array.from(row, (value, i) => (value - (mean[i] as number)) * (scale[i] as number)));
  const { w } = adam(
    size,
    (weights) => {
      const gradient = new Float64Array(size);
      let loss = 0;
      z.forEach((row, r) => {
        const score = row.reduce((sum, value, i) => sum + value * (weights[i] as number), 0);
        const p = 1 / (1 + Math.exp(-score));
        const y = labels[r] ? 1 : 0;
        loss -= y * Math.log(p + 1e-12) + (1 - y) * Math.log(1 - p + 1e-12);
        for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + (p - y) * (row[i] as number);
      });
      for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) / z.length + (i === 0 ? 0 : 2 * l2 * (weights[i] as number));
      return { loss: loss / z.length, gradient };
    },
    600,
  );
  // Fold the standardisation back: w·((x - mean) * scale) = (w*scale)·x - Σ w*scale*mean.
  const weights = Array.from(w, (value, i) => value * (scale[i] as number));
  let shift = 0;
  for (let i = 1; i < size; i++) shift += (weights[i] as number) * (mean[i] as number);
  weights[0] = (weights[0] as number) - shift;
  return weights.map(round);
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_DIR = path.join(root, 'test', 'fixtures', 'seed-knowledge');
const SAMPLE_FILE = path.resolve(root, '..', 'shared', 'eval', 'questions.json');
const EXTRA_FILE = path.join(root, 'eval', 'extra-questions.json');
const abstainOnly = process.argv.includes('--abstain-only');
const fresh = process.argv.includes('--fresh');
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? defaultSquadFile();
const started = performance.now();
const all = loadSquadArticles(file, 0, 24);

/** SQuAD ranking examples depend only on the first stage and the features: cached between runs. */
function cachedSquadExamples(): RankingExample[] {
  const sources = ['src/search/features.ts', 'src/search/rank.ts', 'src/search/query.ts', 'src/search/text.ts']
    .map((name) => readFileSync(path.join(root, name), 'utf8'))
    .join('\n');
  const key = createHash('sha256').update(sources).digest('hex').slice(0, 16);
  const cache = path.join(tmpdir(), `research-bot-fit-${key}.json`);
  if (!fresh && existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as Array<{
      article: number;
      concepts: number;
      features: number[][];
      positive: boolean[];
    }>;
    return saved.map((example) => ({ ...example, features: example.features.map((row) => Float64Array.from(row)) }));
  }
  const examples = rankingExamples(createEngine(all.documents, { ranker: 'learned', weights: EMPTY }), all.questions);
  writeFileSync(
    cache,
    JSON.stringify(examples.map((example) => ({ ...example, features: example.features.map((row) => Array.from(row)) }))),
  );
  return examples;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const stageOnly = RANK_WEIGHT_NAMES.map((name) => (name.endsWith(':stage1') ? 1 : 0));
let rankWeights: number[];
if (abstainOnly) {
  const { LEARNED_WEIGHTS } = await import('../src/search/learned-weights.js');
  rankWeights = RANK_WEIGHT_NAMES.map((name) => {
    const at = LEARNED_WEIGHTS.rank.names.indexOf(name);
    return at < 0 ? 0 : (LEARNED_WEIGHTS.rank.weights[at] as number);
  });
  process.stdout.write('ranking: kept the current weights (--abstain-only)\n');
} else {
  const examples = cachedSquadExamples();
  process.stdout.write(`ranking: ${examples.length} of ${all.questions.length} SQuAD questions have a right candidate\n`);
  const sampleSeed = (await seedExamples([SAMPLE_FILE], EMPTY)).ranking;
  const extraSeed = (await seedExamples([EXTRA_FILE], EMPTY)).ranking;
  const lowerFit = fitRanker([...examples.filter((example) => example.article < 12), ...sampleSeed, ...extraSeed]);
  const upper = examples.filter((example) => example.article >= 12);
  process.stdout.write(
    `check: fitted on SQuAD 0-11, first candidate right on SQuAD 12-23: ${percent(topAccuracy(upper, lowerFit))} (first stage alone ${percent(topAccuracy(upper, stageOnly))})\n`,
  );
  const withoutSample = fitRanker([...examples, ...extraSeed]);
  const withoutExtra = fitRanker([...examples, ...sampleSeed]);
  process.stdout.write(
    `check: fitted without the seed sample, first candidate right on it: ${percent(topAccuracy(sampleSeed, withoutSample))} of ${sampleSeed.length}; without the extra questions, on them: ${percent(topAccuracy(extraSeed, withoutExtra))} of ${extraSeed.length}\n`,
  );
  rankWeights = fitRanker([...examples, ...sampleSeed, ...extraSeed]);
  process.stdout.write(
    `fitted on everything: first candidate right on SQuAD ${percent(topAccuracy(examples, rankWeights))} (first stage alone ${percent(topAccuracy(examples, stageOnly))}), seed-style ${percent(topAccuracy([...sampleSeed, ...extraSeed], rankWeights))}\n`,
  );
}

const withRank: LearnedWeights = { ...EMPTY, rank: { names: [...RANK_WEIGHT_NAMES], weights: rankWeights } };
const rows: Float64Array[] = [];
const labels: boolean[] = [];
for (const [first, end] of [
  [0, 12],
  [12, 24],
] as const) {
  const half = loadSquadArticles(file, first, end);
  const engine = createEngine(half.documents, { ranker: 'learned', weights: withRank });
  for (const question of sample(all.questions, ABSTAIN_SAMPLE, first + 1)) {
    const analysis = engine.analyze(question.question);
    const inside = question.article >= first && question.article < end;
    if (!analysis) continue;
    rows.push(analysis.abstainFeatures);
    labels.push(inside);
  }
}
const squadRows = rows.length;
for (const { row, answerable } of (await seedExamples([SAMPLE_FILE, EXTRA_FILE], withRank)).abstain) {
  for (let copy = 0; copy < SEED_WEIGHT; copy++) {
    rows.push(row);
    labels.push(answerable);
  }
}
const abstainWeights = fitLogistic(rows, labels);
const probability = (row: Float64Array) =>
  1 / (1 + Math.exp(-row.reduce((sum, value, i) => sum + value * (abstainWeights[i] as number), 0)));
const answerable = rows
  .slice(0, squadRows)
  .filter((_, r) => labels[r])
  .map(probability)
  .sort((a, b) => a - b);
const threshold = round(answerable[Math.floor(answerable.length * (1 - ANSWERED_TARGET))] ?? 0.5);
const outside = rows.slice(0, squadRows).filter((_, r) => !labels[r]).map(probability);
const seedRows = rows.slice(squadRows).filter((_, r) => r % SEED_WEIGHT === 0);
const seedLabels = labels.slice(squadRows).filter((_, r) => r % SEED_WEIGHT === 0);
process.stdout.write(
  `abstention: threshold ${threshold}: SQuAD answers ${percent(answerable.filter((p) => p >= threshold).length / answerable.length)} of answerable, abstains on ${percent(outside.filter((p) => p < threshold).length / outside.length)} of questions about other articles; seed-style answers ${seedRows.filter((row, r) => seedLabels[r] && probability(row) >= threshold).length}/${seedLabels.filter(Boolean).length}, abstains ${seedRows.filter((row, r) => !seedLabels[r] && probability(row) < threshold).length}/${seedLabels.filter((label) => !label).length}\n`,
);

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'search', 'learned-weights.ts');
const pairs = (names: readonly string[], weights: readonly number[]) =>
  names.map((name, i) => `    ${JSON.stringify(name)}: ${weights[i]},`).join('\n');
writeFileSync(
  out,
  `/**
 * Weights fitted by \`npm run fit\` (scripts/fit-weights.ts) on SQuAD v1.1 dev articles 0–23
 * and the project's own evaluation questions. Do not edit by hand: run the script again after changing the features.
 */
const rank: Record<string, number> = {
${pairs(RANK_WEIGHT_NAMES, rankWeights)}
};
const abstain: Record<string, number> = {
${pairs(ABSTAIN_FEATURE_NAMES, abstainWeights)}
};

export const LEARNED_WEIGHTS = Object.freeze({
  rank: { names: Object.keys(rank), weights: Object.values(rank) },
  abstain: { names: Object.keys(abstain), weights: Object.values(abstain), threshold: ${threshold} },
});
`,
);
process.stdout.write(`wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
