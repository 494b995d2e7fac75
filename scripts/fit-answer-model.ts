/**
 * `npm run fit:answers`: fits the answer model (src/search/answer-model.ts) and writes
 * data/answer-model.json.
 *
 * Questions, all public:
 * - the natural questions over the 91 public news pages (`../shared/eval/news/`), and more
 *   written the same way over the same pages (`eval/news-written.json`), their knowledge base
 *   built with `add` into .cache/news-knowledge (kept for the next run);
 * - the seed sample (`../shared/eval/questions.json`, `eval/extra-questions.json`) over
 *   test/fixtures/seed-knowledge;
 * - a sample of SQuAD's public half: questions about articles 0–11 with those articles as the
 *   base, and questions about 12–23 asked of the same base (answered by nothing); and the same
 *   for the questions written in plain words over those articles (`eval/squad-written.json`).
 *
 * For each question the first stage's best `candidates` sentences and their features are
 * collected, with the `deeper` of its next hits (down to the `depth`th) closest to the question in
 * meaning (model weights at zero leave that order). The reranker is a softmax
 * over each question's candidates; the confidence a logistic model of the best candidate's
 * features, fitted on out-of-fold orders (news pages in five folds) so that it learns how often
 * the reranker is really right. Then the two thresholds:
 * - `sure` is the lowest threshold keeping held-out sure-wrong at MAX_SURE_WRONG or under, on each
 *   of the news, written and seed sets;
 * - `close` keeps CLOSE_RECALL of the right best sentences at or above it (below: "not covered").
 * (The fitting itself is in answer-model/fit.ts.) `--answers` then also asks the news and seed
 * questions as the bot answers them, each of the encoder fitted without its half of the pages and
 * of a model fitted without its fold (answer-model/held-out-answers.ts), and prints hit@1, hit@3,
 * sure-right, sure-wrong and abstention held out, as the held-back questions are scored.
 * Articles 24–47 of SQuAD and the held-back questions are never read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../src/answer/index.js';
import { NEWS_FILES } from '../src/cli/eval-news.js';
import { loadEngineForCli } from '../src/cli/load-engine.js';
import { type EvalQuestion, readEvalQuestions, sentenceHoldsPhrase } from '../src/eval/evaluate.js';
import { buildNewsKnowledge } from '../src/eval/news.js';
import { loadSquadArticles, sample } from '../src/eval/squad.js';
import {
  ANSWER_MODEL_FILE,
  type AnswerModel,
  CANDIDATE_FEATURES,
  CONFIDENCE_FEATURES,
} from '../src/search/answer-model.js';
import { createSentenceEncoder, defaultSentenceEncoder, type SentenceEncoder } from '../src/search/sentence-encoder.js';
import { fitModel, type Sample } from './answer-model/fit.js';
import { printHeldOutAnswers } from './answer-model/held-out-answers.js';
import { encoderFoldOf } from './encoder/folds.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'eval');

/** How many of the first stage's best sentences the model orders. */
const CANDIDATES = 10;
/**
 * How many of its next hits, down to the DEPTHth (all it returns: RankOptions.limit), join them
 * when closest to the question in meaning: two, three or five gave about the same figures
 * (docs/history.md).
 */
const DEEPER = 3;
const DEPTH = 40;

/** `--focus-share S`: least share of the best document's sentences a word is in to name the story (question-focus.ts). */
const FOCUS_SHARE = optionValue('--focus-share') ?? 0.1;
/**
 * `--title-share S`: least share of the base's titles (and two of them) a word is in to be left
 * out of the title the encoder reads before each sentence (title-context.ts).
 */
const TITLE_SHARE = optionValue('--title-share') ?? 0.25;
const SETTINGS = { candidates: CANDIDATES, deeper: DEEPER, depth: DEPTH, focusShare: FOCUS_SHARE, titleShare: TITLE_SHARE };

function optionValue(name: string): number | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${name} takes a number from 0 to 1`);
  return value;
}
/** Weights at zero: the first stage's order, every answer sure (for collecting features). */
const ZERO_MODEL: AnswerModel = {
  ...SETTINGS,
  rank: CANDIDATE_FEATURES.map(() => 0),
  confidence: CONFIDENCE_FEATURES.map(() => 0),
  bias: 0,
  sure: 0,
  close: 0,
};

function collect(
  engine: Engine,
  question: string,
  isRight: (sentence: number) => boolean,
  meta: Pick<Sample, 'set' | 'group' | 'none'>,
): Sample | null {
  const analysis = engine.analyze(question);
  const head = (analysis?.scored.slice(0, CANDIDATES + DEEPER) ?? []).filter((candidate) => candidate.features.length > 0);
  if (head.length === 0 || head[0]?.features.length !== CANDIDATE_FEATURES.length) return null;
  return {
    ...meta,
    features: head.map((candidate) => candidate.features),
    right: head.map((candidate) => !meta.none && isRight(candidate.hit.sentence)),
    groups: head.map((candidate) => candidate.hit.group),
  };
}

function phraseMatcher(engine: Engine, question: EvalQuestion): (sentence: number) => boolean {
  const bodies = new Map(engine.documents.map((document) => [document.meta.id, document.body]));
  return (sentence) => {
    const { documentId, start, end } = engine.locate(sentence);
    return sentenceHoldsPhrase((bodies.get(documentId) ?? '').slice(start, end), question.any ?? []);
  };
}

async function questionSamples(
  engine: Engine,
  file: string,
  set: 'news' | 'written' | 'seed',
  meaning: SentenceEncoder | null,
  fold: number | null,
): Promise<Sample[]> {
  const questions = (await readEvalQuestions(file)).filter(
    (question) => fold === null || encoderFoldOf(question.page ?? path.basename(file)) === fold,
  );
  meaning?.prepare(
    questions.map((question) => question.q),
    100_000,
  );
  return questions.flatMap((question) => {
    const sample = collect(engine, question.q, phraseMatcher(engine, question), {
      set,
      group: question.page ?? path.basename(file),
      none: question.none === true,
    });
    return sample ? [sample] : [];
  });
}

async function squadSamples(meaning: SentenceEncoder | null, fold: number | null): Promise<Sample[]> {
  const file = path.join(shared, 'squad', 'dev-v1.1.json');
  if (!existsSync(file)) return [];
  const base = loadSquadArticles(file, 0, 12);
  const other = loadSquadArticles(file, 12, 24);
  const engine = createEngine(base.documents, { meaning, answerModel: ZERO_MODEL, newSentenceBudget: DEPTH });
  // Fold 0 holds articles 0–11 (the base's own questions), fold 1 articles 12–23 (answered by nothing).
  const own = fold === 1 ? [] : sample(base.questions, 400, 7);
  const outside = fold === 0 ? [] : sample(other.questions, 100, 7);
  meaning?.prepare(
    [...own, ...outside].map((question) => question.question),
    100_000,
  );
  const samples: Sample[] = [];
  for (const question of [...own, ...outside]) {
    const none = question.article >= 12;
    const sample = collect(
      engine,
      question.question,
      (sentence) => {
        const { documentId, start, end } = engine.locate(sentence);
        return documentId === question.documentId && question.answerStarts.some((at) => at >= start && at < end);
      },
      { set: 'squad', group: `squad-${question.article}`, none },
    );
    if (sample) samples.push(sample);
  }
  // The questions in plain words, the same way: those about 12–23 are answered by nothing here.
  const written = (await readEvalQuestions(path.join(root, 'eval', 'squad-written.json'))).filter(
    (question) => fold === null || ((question.article ?? 0) < 12 ? 0 : 1) === fold,
  );
  meaning?.prepare(
    written.map((question) => question.q),
    100_000,
  );
  for (const question of written) {
    const article = question.article ?? 0;
    const documentId = base.documents[article]?.meta.id;
    const matches = phraseMatcher(engine, question);
    const sample = collect(
      engine,
      question.q,
      (sentence) => engine.locate(sentence).documentId === documentId && matches(sentence),
      { set: 'squad-written', group: `squad-${article}`, none: question.none === true || article >= 12 },
    );
    if (sample) samples.push(sample);
  }
  return samples;
}

/** `fold` null: every question, with `meaning`; else only that fold's questions. */
async function samplesWith(meaning: SentenceEncoder | null, fold: number | null = null): Promise<Sample[]> {
  const newsDir = path.join(root, '.cache', 'news-knowledge');
  await buildNewsKnowledge(NEWS_FILES.pages, newsDir);
  // Every candidate embedded, as in a bot that has embedded its sources' sentences ahead.
  const options = { meaning, answerModel: ZERO_MODEL, newSentenceBudget: DEPTH };
  const news = await loadEngineForCli(newsDir, options);
  const seed = await loadEngineForCli(path.join(root, 'test', 'fixtures', 'seed-knowledge'), options);
  return [
    ...(await questionSamples(news, NEWS_FILES.questions, 'news', meaning, fold)),
    ...(await questionSamples(news, path.join(root, 'eval', 'news-written.json'), 'written', meaning, fold)),
    ...(await questionSamples(seed, path.join(shared, 'questions.json'), 'seed', meaning, fold)),
    ...(await questionSamples(seed, path.join(root, 'eval', 'extra-questions.json'), 'seed', meaning, fold)),
    ...(await squadSamples(meaning, fold)),
  ];
}

// `--reuse` fits again on the samples the last run collected (.cache/answer-model-samples.json);
// `--in-sample` collects them with the shipped encoder when the fold encoders are missing. The
// fold encoders (data/sentence-encoder-fold0 and -fold1, model.onnx and vocab.json) are committed:
// fine_tune.py fits them (on a GPU in minutes, on this project's two cores in 75 minutes each).
const samplesFile = path.join(root, '.cache', 'answer-model-samples.json');
const FOLD_ENCODERS = [0, 1].map((fold) => path.join(root, 'data', `sentence-encoder-fold${fold}`));
let samples: Sample[];
if (process.argv.includes('--reuse') && existsSync(samplesFile)) {
  samples = (JSON.parse(readFileSync(samplesFile, 'utf8')) as Array<Omit<Sample, 'features'> & { features: number[][] }>).map(
    (sample) => ({ ...sample, features: sample.features.map((row) => Float64Array.from(row)) }),
  );
} else if (FOLD_ENCODERS.every((dir) => existsSync(path.join(dir, 'model.onnx')))) {
  // The shipped encoder was fitted on these questions: each fold's cosines come from the encoder
  // fitted without it, so the answer model learns how far to trust the cosine on new questions.
  samples = [];
  for (const [fold, dir] of FOLD_ENCODERS.entries()) {
    const encoder = createSentenceEncoder(dir);
    samples.push(...(await samplesWith(encoder, fold)));
    encoder?.close();
  }
} else if (process.argv.includes('--in-sample')) {
  const encoder = defaultSentenceEncoder();
  samples = await samplesWith(encoder);
  encoder?.close();
} else {
  process.stderr.write(
    `fit:answers: no fold encoders in ${path.relative(root, path.dirname(FOLD_ENCODERS[0] as string))}/ (sentence-encoder-fold0 and -fold1, written by scripts/encoder/fine_tune.py).\n` +
      'The shipped encoder was fitted on these questions, so its cosines would look better than on new ones.\n' +
      'Run fine_tune.py first, or pass --in-sample to fit with them anyway.\n',
  );
  process.exit(2);
}
if (!process.argv.includes('--reuse')) {
  writeFileSync(samplesFile, JSON.stringify(samples.map((sample) => ({ ...sample, features: sample.features.map((row) => Array.from(row)) }))));
}
const model = fitModel(samples, { ...SETTINGS, report: true });
writeFileSync(ANSWER_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(root, ANSWER_MODEL_FILE)}\n`);
if (process.argv.includes('--answers')) {
  const newsDir = path.join(root, '.cache', 'news-knowledge');
  const seedDir = path.join(root, 'test', 'fixtures', 'seed-knowledge');
  await buildNewsKnowledge(NEWS_FILES.pages, newsDir);
  await printHeldOutAnswers(samples, SETTINGS, FOLD_ENCODERS, [
    { name: 'news', questions: NEWS_FILES.questions, knowledge: newsDir },
    { name: 'written', questions: path.join(root, 'eval', 'news-written.json'), knowledge: newsDir },
    { name: 'seed', questions: path.join(shared, 'questions.json'), knowledge: seedDir },
    { name: 'seed extra', questions: path.join(root, 'eval', 'extra-questions.json'), knowledge: seedDir },
  ]);
}
