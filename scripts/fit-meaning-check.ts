/**
 * Fits the rules ranker's meaning check (src/search/meaning-check.ts) on the public half of SQuAD
 * v1.1 dev and writes src/search/meaning-check-weights.ts.
 *
 *   npm run fit:meaning      (reads ../shared/eval/squad/dev-v1.1.json; articles 24–47 never read)
 *
 * Each half of the public articles (0–11, 12–23) is a knowledge base in turn. For 1,000 questions
 * about its own articles (the sources answer them) and 1,000 about the other half's (they do not),
 * the rules ranker's best sentence gives four numbers: its coverage of the question, its
 * paragraph's, its document's, and the cosine of the question's and the sentence's
 * sentence-encoder vectors. A logistic model of the four, fitted on the best sentences, separates the two kinds of
 * questions. The check answers when any of the best CANDIDATES sentences scores at its threshold
 * (measured beside the best one alone: see the README). Its threshold is the highest that still
 * answers ANSWERED_SHARE (97.1%, what coverage alone answered before word neighbours) of the
 * questions about the knowledge base: for the held-out check (fitted on one half, scored on the
 * other), of that half's own questions; for the weights written, of all 5,696 questions with all
 * of articles 0–23 as the knowledge base, as the bot runs with all its sources. A fixed share keeps
 * the figures comparable when the ranker changes how many questions coverage alone answers.
 *
 * The same cosines then put the best sentences in order again (`reorderByMeaning`): the weight of
 * a cosine against the log of the ranking score is the one of RERANK_GRID under which the best
 * sentence holds the answer most often (held out: fitted on one half's questions, scored on the
 * other's; written: fitted on all 5,696 questions with articles 0–23 as the base).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, ENGINE_DEFAULTS, RULES_NEIGHBOURS } from '../src/answer/engine.js';
import { defaultSquadFile } from '../src/cli/eval-squad.js';
import { loadSquadArticles, sample, type SquadQuestion } from '../src/eval/squad.js';
import {
  askedAbout,
  bestMeaningScore,
  type MeaningCheckWeights,
  type MeaningEvidence,
  meaningAnswers,
  reorderByMeaning,
} from '../src/search/meaning-check.js';
import { cosine, defaultSentenceEncoder } from '../src/search/sentence-encoder.js';

/** Below this coverage the check abstains without asking the encoder. */
const LEAST_COVERAGE = 0.3;
const PER_SET = 1000;
/** How many of the ranker's best sentences the check looks at. */
const CANDIDATES = Number(process.env.MEANING_CANDIDATES ?? 3);

interface Example {
  /** The sentences the check asks about, best first, with their cosines. */
  asked: MeaningEvidence[];
  /** The ranker's best sentence, when the check asks about it (what the model is fitted on). */
  top: MeaningEvidence | undefined;
  /** Whether the sources answer it (a question about the knowledge base's own articles). */
  inside: boolean;
  /** Whether coverage alone answered it (the rules ranker's minimum coverage). */
  answeredByCoverage: boolean;
  /** The best sentences, best first: each one's ranking score (log), cosine when asked about, and whether it holds the answer. */
  ranked: Array<{ score: number; similarity: number | undefined; gold: boolean }>;
}

const file = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? defaultSquadFile();
const encoder = defaultSentenceEncoder();
if (!encoder) throw new Error('no sentence encoder: run scripts/compact-sentence-encoder.ts first');
const all = loadSquadArticles(file, 0, 24);

/**
 * The knowledge base holds articles [first, end): the rules ranker's best sentences for `inside`
 * questions about them and `outside` questions about the other public articles.
 */
function examplesFor(first: number, end: number, seed: number, inside: number, outside: number): Example[] {
  // The neighbours passed explicitly count towards coverage as when the bot runs the check.
  const engine = createEngine(loadSquadArticles(file, first, end).documents, {
    ranker: 'rules',
    neighbours: RULES_NEIGHBOURS,
  });
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
  const found = asked.map(({ question, inside }) => {
    const scored = engine.analyze(question.question)?.scored ?? [];
    const best = scored.slice(0, CANDIDATES).map(({ hit, score }) => {
      const { documentId, start, end } = engine.locate(hit.sentence);
      const body = engine.documents.find((document) => document.meta.id === documentId)?.body ?? '';
      return {
        sentence: body.slice(start, end),
        score,
        gold:
          documentId === question.documentId &&
          question.answerStarts.some((answer) => answer >= start && answer < end),
        coverage: hit.coverage,
        paragraphCoverage: hit.passageCoverage,
        documentCoverage: hit.groupCoverage,
      };
    });
    return { question: question.question, best, inside };
  });
  // Only what the check would ask about is embedded, in batches on every core.
  const shape = { leastCoverage: LEAST_COVERAGE, candidates: CANDIDATES };
  const asking = found.map(({ question, best }) => ({ question, asked: askedAbout(shape, best) }));
  const texts = asking.flatMap(({ question, asked }) =>
    asked.length > 0 ? [question, ...asked.map((candidate) => candidate.sentence)] : [],
  );
  encoder?.prepare(texts, texts.length + 1);
  return found.map(({ best, inside }, at) => {
    const { question, asked } = asking[at] as (typeof asking)[number];
    let evidence: MeaningEvidence[] = [];
    if (asked.length > 0) {
      const vectors = encoder?.embed([question, ...asked.map((candidate) => candidate.sentence)]);
      if (!vectors) throw new Error('the sentence encoder failed');
      evidence = asked.map((candidate, i) => ({
        coverage: candidate.coverage,
        paragraphCoverage: candidate.paragraphCoverage,
        documentCoverage: candidate.documentCoverage,
        similarity: cosine(vectors[0] as Float32Array, vectors[i + 1] as Float32Array),
      }));
    }
    const similarity = new Map(asked.map((candidate, i) => [candidate, evidence[i]?.similarity]));
    return {
      asked: evidence,
      top: (best[0]?.coverage ?? 0) >= LEAST_COVERAGE ? evidence[0] : undefined,
      inside,
      answeredByCoverage: (best[0]?.coverage ?? 0) >= ENGINE_DEFAULTS.minCoverage,
      ranked: best.map((candidate) => ({
        score: candidate.score,
        similarity: similarity.get(candidate),
        gold: candidate.gold,
      })),
    };
  });
}

/** The model's inputs, in the order of its weights (the last is the bias). */
const inputs = (best: MeaningEvidence) =>
  [best.coverage, best.paragraphCoverage, best.documentCoverage, best.similarity, 1];

/** Logistic regression by Newton's method, over the best sentences the encoder is asked about. */
function fitLogistic(examples: readonly Example[]): number[] {
  const used = examples.flatMap(({ top, inside }) => (top ? [{ best: top, inside }] : []));
  const size = inputs(used[0]?.best as MeaningEvidence).length;
  let w = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = new Array<number>(size).fill(0);
    // A little ridge keeps the Hessian invertible.
    const hessian = w.map((_, i) => w.map((__, j) => (i === j ? 1e-3 : 0)));
    for (const example of used) {
      const x = inputs(example.best);
      const p = 1 / (1 + Math.exp(-x.reduce((sum, value, i) => sum + value * (w[i] as number), 0)));
      const y = example.inside ? 1 : 0;
      for (let i = 0; i < size; i++) {
        gradient[i]! += (p - y) * x[i]!;
        for (let j = 0; j < size; j++) hessian[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    const step = solve(hessian, gradient);
    w = w.map((value, i) => value - step[i]!);
  }
  return w;
}

/** Solves a·x = b by Gauss–Jordan elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Shares of questions about the base whose best sentence, reordered with `weight` (as `reorderByMeaning`), holds the answer. */
function rerankedHits(weight: number, examples: readonly Example[]): number {
  const inside = examples.filter((example) => example.inside && example.ranked.length > 0);
  let hits = 0;
  for (const { ranked } of inside) {
    // The bot's own reordering, over the candidates' positions as sentence ids.
    const order = ranked.map((candidate, at) => ({ hit: { sentence: at }, score: candidate.score, candidate }));
    const similarity = new Map<number, number>();
    ranked.forEach((candidate, at) => {
      if (candidate.similarity !== undefined) similarity.set(at, candidate.similarity);
    });
    reorderByMeaning(order, similarity, weight);
    if (order[0]?.candidate.gold) hits++;
  }
  return hits / Math.max(1, inside.length);
}

/** The cosine weight of RERANK_GRID with the most best sentences holding the answer (the smaller on a tie). */
function fitRerank(examples: readonly Example[]): number {
  let best = 0;
  for (const weight of RERANK_GRID) if (rerankedHits(weight, examples) > rerankedHits(best, examples)) best = weight;
  return best;
}

function withThreshold(w: number[], examples: readonly Example[]): MeaningCheckWeights {
  const [coverage, paragraphCoverage, documentCoverage, similarity, bias] = w as [
    number,
    number,
    number,
    number,
    number,
  ];
  const weights = {
    coverage,
    paragraphCoverage,
    documentCoverage,
    cosine: similarity,
    bias,
    threshold: 0,
    leastCoverage: LEAST_COVERAGE,
    candidates: CANDIDATES,
    rerank: 0,
  };
  const inside = examples.filter((example) => example.inside);
  const wanted = Math.round(ANSWERED_SHARE * inside.length);
  const scores = inside
    .map((example) => bestMeaningScore(weights, example.asked))
    .filter((value) => value > Number.NEGATIVE_INFINITY)
    .sort((a, b) => b - a);
  // The threshold answers ANSWERED_SHARE of the inside questions.
  weights.threshold = scores[Math.min(scores.length, wanted) - 1] ?? 0;
  return weights;
}

function score(weights: MeaningCheckWeights, examples: readonly Example[]) {
  const answers = (example: Example) => meaningAnswers(weights, example.asked);
  const inside = examples.filter((example) => example.inside);
  const outside = examples.filter((example) => !example.inside);
  const share = (list: Example[], test: (example: Example) => boolean) =>
    `${((100 * list.filter(test).length) / Math.max(1, list.length)).toFixed(1)}%`;
  return {
    check: `answers ${share(inside, answers)} of questions about the base, abstains on ${share(outside, (example) => !answers(example))} of the others`,
    coverage: `answers ${share(inside, (example) => example.answeredByCoverage)}, abstains on ${share(outside, (example) => !example.answeredByCoverage)}`,
  };
}

const ANSWERED_SHARE = 0.971;
/** The cosine weights tried for reordering the best sentences. */
const RERANK_GRID = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const round = (value: number) => Math.round(value * 1e4) / 1e4;
const lower = examplesFor(0, 12, 11, PER_SET, PER_SET);
const upper = examplesFor(12, 24, 13, PER_SET, PER_SET);
// The bot runs with all its sources: the final threshold answers ANSWERED_SHARE of the questions
// about the whole public half, all of it the knowledge base.
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
  const rerank = fitRerank(fitted);
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  console.log(
    `  reordering the best ${CANDIDATES} by meaning, fitted with base ${name}: cosine weight ${rerank}; on the other base the best sentence holds the answer for ${percent(rerankedHits(rerank, heldOut))} of its questions (${percent(rerankedHits(0, heldOut))} in the ranker's order)`,
  );
}
const both = [...lower, ...upper];
const fitted = withThreshold(fitLogistic(both), whole);
const weights: MeaningCheckWeights = {
  coverage: round(fitted.coverage),
  paragraphCoverage: round(fitted.paragraphCoverage),
  documentCoverage: round(fitted.documentCoverage),
  cosine: round(fitted.cosine),
  bias: round(fitted.bias),
  threshold: round(fitted.threshold),
  leastCoverage: LEAST_COVERAGE,
  candidates: CANDIDATES,
  rerank: fitRerank(whole),
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
