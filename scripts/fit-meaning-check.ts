/**
 * Fits the rules ranker's meaning check (src/search/meaning-check.ts) on the public half of SQuAD
 * v1.1 dev and writes src/search/meaning-check-weights.ts.
 *
 *   npm run fit:meaning      (reads ../shared/eval/squad/dev-v1.1.json; articles 24–47 never read)
 *
 * Each half of the public articles (0–11, 12–23) is a knowledge base in turn. For 1,000 questions
 * about its own articles (the sources answer them) and 1,000 about the other half's (they do not),
 * the rules ranker's best sentence gives two numbers: its coverage of the question and the cosine
 * of the question's and the sentence's sentence-encoder vectors. A logistic model of the two
 * separates the two kinds of questions. Its threshold is the highest that still answers as many
 * questions about the knowledge base as coverage alone did, so the check costs no answers: for the
 * held-out check (fitted on one half, scored on the other), on that half's own questions; for the
 * weights written, on all 5,696 questions with all of articles 0–23 as the knowledge base, as the bot
 * runs with all its sources.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, ENGINE_DEFAULTS } from '../src/answer/engine.js';
import { defaultSquadFile } from '../src/cli/eval-squad.js';
import { loadSquadArticles, sample, type SquadQuestion } from '../src/eval/squad.js';
import { type MeaningCheckWeights, meaningAnswers, meaningScore } from '../src/search/meaning-check.js';
import { cosine, defaultSentenceEncoder } from '../src/search/sentence-encoder.js';

/** Below this coverage the check abstains without asking the encoder. */
const LEAST_COVERAGE = 0.3;
const PER_SET = 1000;

interface Example {
  coverage: number;
  similarity: number;
  /** Whether the sources answer it (a question about the knowledge base's own articles). */
  inside: boolean;
  /** Whether coverage alone answered it (the rules ranker's minimum coverage). */
  answeredByCoverage: boolean;
}

const file = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? defaultSquadFile();
const encoder = defaultSentenceEncoder();
if (!encoder) throw new Error('no sentence encoder: run scripts/compact-sentence-encoder.ts first');
const all = loadSquadArticles(file, 0, 24);

/**
 * The knowledge base holds articles [first, end): the rules ranker's best sentence for `inside`
 * questions about them and `outside` questions about the other public articles.
 */
function examplesFor(first: number, end: number, seed: number, inside: number, outside: number): Example[] {
  const engine = createEngine(loadSquadArticles(file, first, end).documents, { ranker: 'rules' });
  const isInside = (question: SquadQuestion) => question.article >= first && question.article < end;
  const asked = [
    ...sample(all.questions.filter(isInside), inside, seed).map((question) => ({ question, inside: true })),
    ...(outside > 0
      ? sample(
          all.questions.filter((question) => !isInside(question)),
          outside,
          seed + 1,
        ).map((question) => ({ question, inside: false }))
      : []),
  ];
  const tops = asked.map(({ question, inside }) => {
    const top = engine.analyze(question.question)?.scored[0];
    if (!top) return { question: question.question, sentence: '', coverage: 0, inside };
    const { documentId, start, end } = engine.locate(top.hit.sentence);
    const body = engine.documents.find((document) => document.meta.id === documentId)?.body ?? '';
    return { question: question.question, sentence: body.slice(start, end), coverage: top.hit.coverage, inside };
  });
  // Only what the check would ask about is embedded, in batches on every core.
  const asking = tops.filter((top) => top.coverage >= LEAST_COVERAGE);
  const texts = asking.flatMap((top) => [top.question, top.sentence]);
  encoder?.prepare(texts, texts.length + 1);
  return tops.map((top) => {
    let similarity = 0;
    if (top.coverage >= LEAST_COVERAGE) {
      const vectors = encoder?.embed([top.question, top.sentence]);
      if (!vectors) throw new Error('the sentence encoder failed');
      similarity = cosine(vectors[0] as Float32Array, vectors[1] as Float32Array);
    }
    return {
      coverage: top.coverage,
      similarity,
      inside: top.inside,
      answeredByCoverage: top.coverage >= ENGINE_DEFAULTS.minCoverage,
    };
  });
}

/** Logistic regression on (coverage, cosine) by Newton's method, over examples the encoder is asked about. */
function fitLogistic(examples: readonly Example[]): [number, number, number] {
  const used = examples.filter((example) => example.coverage >= LEAST_COVERAGE);
  let w: [number, number, number] = [0, 0, 0];
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = [0, 0, 0];
    const hessian = [
      [1e-3, 0, 0],
      [0, 1e-3, 0],
      [0, 0, 1e-3],
    ] as number[][];
    for (const example of used) {
      const x = [example.coverage, example.similarity, 1];
      const p = 1 / (1 + Math.exp(-(w[0] * x[0]! + w[1] * x[1]! + w[2] * x[2]!)));
      const y = example.inside ? 1 : 0;
      for (let i = 0; i < 3; i++) {
        gradient[i]! += (p - y) * x[i]!;
        for (let j = 0; j < 3; j++) hessian[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    const step = solve3(hessian, gradient);
    w = [w[0] - step[0]!, w[1] - step[1]!, w[2] - step[2]!];
  }
  return w;
}

function solve3(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++)
      if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < 3; row++) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k < 4; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return [0, 1, 2].map((i) => m[i]![3]! / m[i]![i]!);
}

function withThreshold(w: [number, number, number], examples: readonly Example[]): MeaningCheckWeights {
  const weights = { coverage: w[0], cosine: w[1], bias: w[2], threshold: 0, leastCoverage: LEAST_COVERAGE };
  const inside = examples.filter((example) => example.inside);
  const wanted = inside.filter((example) => example.answeredByCoverage).length;
  const scores = inside
    .filter((example) => example.coverage >= LEAST_COVERAGE)
    .map((example) => meaningScore(weights, example.coverage, example.similarity))
    .sort((a, b) => b - a);
  // The threshold answers as many of the inside questions as coverage alone did.
  weights.threshold = scores[Math.min(scores.length, wanted) - 1] ?? 0;
  return weights;
}

function score(weights: MeaningCheckWeights, examples: readonly Example[]) {
  const answers = (example: Example) => meaningAnswers(weights, example.coverage, example.similarity);
  const inside = examples.filter((example) => example.inside);
  const outside = examples.filter((example) => !example.inside);
  const share = (list: Example[], test: (example: Example) => boolean) =>
    `${((100 * list.filter(test).length) / Math.max(1, list.length)).toFixed(1)}%`;
  return {
    check: `answers ${share(inside, answers)} of questions about the base, abstains on ${share(outside, (example) => !answers(example))} of the others`,
    coverage: `answers ${share(inside, (example) => example.answeredByCoverage)}, abstains on ${share(outside, (example) => !example.answeredByCoverage)}`,
  };
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;
const lower = examplesFor(0, 12, 11, PER_SET, PER_SET);
const upper = examplesFor(12, 24, 13, PER_SET, PER_SET);
// The bot runs with all its sources: the final threshold answers as many questions about the
// whole public half, all of it the knowledge base, as coverage alone did.
const whole = examplesFor(0, 24, 15, all.questions.length, 0);
for (const [name, fitted, heldOut] of [
  ['0-11', lower, upper],
  ['12-23', upper, lower],
] as const) {
  const weights = withThreshold(fitLogistic(fitted), fitted);
  const result = score(weights, heldOut);
  console.log(
    `fitted with base ${name}, scored on the other base: meaning check ${result.check}; coverage alone ${result.coverage}`,
  );
}
const both = [...lower, ...upper];
const fitted = withThreshold(fitLogistic(both), whole);
const weights: MeaningCheckWeights = {
  coverage: round(fitted.coverage),
  cosine: round(fitted.cosine),
  bias: round(fitted.bias),
  threshold: round(fitted.threshold),
  leastCoverage: LEAST_COVERAGE,
};
console.log(
  `fitted on both halves, threshold from the whole half as the base: ${JSON.stringify(weights)}; on the halves it ${score(weights, both).check}; on the whole half it ${score(weights, whole).check.replace(/, abstains.*/, '')}`,
);
const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'search',
  'meaning-check-weights.ts',
);
writeFileSync(
  out,
  `import type { MeaningCheckWeights } from './meaning-check.js';

/** Fitted by \`npm run fit:meaning\` (scripts/fit-meaning-check.ts). Do not edit by hand. */
export const MEANING_CHECK_WEIGHTS: MeaningCheckWeights = {
${Object.entries(weights)
  .map(([name, value]) => `  ${name}: ${value},`)
  .join('\n')}
};
`,
);
console.log(`wrote ${out}`);
encoder.close();
