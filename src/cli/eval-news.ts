import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EngineOptions } from '../answer/index.js';
import type { QuestionAnswerer } from '../answer/types.js';
import { type EvalSummary, evaluate, readEvalQuestions } from '../eval/evaluate.js';
import { miniSearchAnswerer } from '../eval/minisearch-baseline.js';
import { buildNewsKnowledge } from '../eval/news.js';
import { PREPARED_VECTORS_LIMIT } from '../search/sentence-encoder.js';
import { defaultPagesFile } from './eval-extraction.js';
import { loadEngineForCli } from './load-engine.js';

/** `../shared/eval/news/questions.json` and the pages they were written over (the extraction benchmark's). */
export const NEWS_FILES = Object.freeze({
  questions: path.join(path.dirname(path.dirname(defaultPagesFile())), 'news', 'questions.json'),
  pages: defaultPagesFile(),
});

function percent(count: number, of: number): string {
  return `${((100 * count) / Math.max(1, of)).toFixed(1)}%`.padStart(6);
}

function line(label: string, summary: EvalSummary): string {
  const all = summary.answerable + summary.abstainable;
  return `${label.padEnd(24)} hit@1 ${percent(summary.hitAt1, summary.answerable)}  hit@3 ${percent(summary.hitAt3, summary.answerable)}  sure-right ${percent(summary.sureRight, all)}  sure-wrong ${percent(summary.sureWrong, all)}  abstain ${summary.abstained}/${summary.abstainable} ${percent(summary.abstained, summary.abstainable)}`;
}

function verdict(result: EvalSummary['results'][number]): string {
  if (result.question.none) return result.abstained ? 'abstained' : 'QUOTED';
  const where = result.rank === 0 ? 'MISS' : `hit@${result.rank}`;
  return result.answer.answered ? where : `${where}?`;
}

function details(summary: EvalSummary): string {
  return summary.results
    .map((result) => {
      const first =
        result.answer.excerpts[0]?.quote.replace(/\s+/g, ' ').slice(0, 100) ?? result.answer.message;
      return `  ${result.question.id.padEnd(7)} ${result.question.kind.padEnd(8)} ${verdict(result).padEnd(9)} ${result.question.q}\n          → ${first}\n`;
    })
    .join('');
}

export interface NewsEvalOptions {
  questions: string;
  pages: string;
  /** Where to build the knowledge base (kept, and reused as it is when it already holds files); a temporary folder when undefined. */
  knowledgeDir?: string;
  engine: Partial<EngineOptions>;
  verbose: boolean;
}

/**
 * `eval --news`: builds a knowledge base from the public news pages with `add`, asks every
 * natural question of it, and prints hit@1, hit@3, sure-right, sure-wrong and abstention, with
 * MiniSearch BM25 over the same sentences beside it. Missing shared data is reported and passes
 * (CI without it).
 */
export async function runNewsEval(options: NewsEvalOptions): Promise<boolean> {
  if (!existsSync(options.questions) || !existsSync(options.pages)) {
    process.stdout.write(`news: skipped, ${options.questions} or ${options.pages} not found\n`);
    return true;
  }
  const temporary = options.knowledgeDir === undefined;
  const dir = options.knowledgeDir ?? (await mkdtemp(path.join(os.tmpdir(), 'eval-news-')));
  try {
    const failures = await buildNewsKnowledge(options.pages, dir);
    for (const failure of failures) process.stderr.write(`warning: not added: ${failure}\n`);
    const engine = await loadEngineForCli(dir, options.engine);
    const questions = await readEvalQuestions(options.questions);
    // As the bot answers once it has embedded its sources' sentences (it does, in the background).
    engine.prepareMeaning();
    options.engine.meaning?.prepare(
      questions.map((question) => question.q),
      PREPARED_VECTORS_LIMIT,
    );
    const answerers: Array<[string, QuestionAnswerer]> = [
      ['research-bot', engine],
      ['MiniSearch BM25', await miniSearchAnswerer(engine.documents)],
    ];
    process.stdout.write(
      `news: ${questions.length} natural questions (${questions.filter((q) => q.none).length} answered by no article) over ${engine.documents.length} pages\n`,
    );
    for (const [label, answerer] of answerers) {
      const started = performance.now();
      const summary = await evaluate(answerer, questions);
      const perQuestion = (performance.now() - started) / Math.max(1, questions.length);
      if (options.verbose && answerer === engine) process.stdout.write(details(summary));
      process.stdout.write(`${line(label, summary)}   (${perQuestion.toFixed(1)} ms/question)\n`);
    }
    return true;
  } finally {
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}
