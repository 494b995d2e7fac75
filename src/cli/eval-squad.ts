import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type EngineOptions } from '../answer/engine.js';
import type { QuestionAnswerer } from '../answer/types.js';
import { miniSearchAnswerer } from '../eval/minisearch-baseline.js';
import { loadSquadArticles, SQUAD_PUBLIC_ARTICLES, type SquadSet, sample } from '../eval/squad.js';
import { abstainShare, type SquadScore, scoreSquad } from '../eval/squad-score.js';
import { PREPARED_VECTORS_LIMIT, type SentenceEncoder } from '../search/sentence-encoder.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/eval/squad/dev-v1.1.json` beside the project. */
export function defaultSquadFile(): string {
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'squad', 'dev-v1.1.json');
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function line(label: string, score: SquadScore): string {
  return `${label.padEnd(30)} hit@1 ${percent(score.hitAt1).padStart(6)}  hit@3 ${percent(score.hitAt3).padStart(6)}  MRR ${score.mrr.toFixed(3)}  answered ${percent(score.answered).padStart(6)}  mean quote ${Math.round(score.meanQuoteLength)} chars`;
}

/**
 * Prints the ReQA-style SQuAD figures on the public half (articles 0–23), MiniSearch beside
 * them, and abstention on questions about articles not in the knowledge base (0–11 asked of
 * 12–23 and the reverse). `sampleSize` questions per figure (all when undefined).
 */
export async function runSquadEval(
  file: string,
  sampleSize: number | undefined,
  meaning: SentenceEncoder | null = null,
  /** DATABASE_URL when the knowledge is answered from PostgreSQL (each set in a scratch schema). */
  databaseUrl: string | null = null,
): Promise<boolean> {
  /** An answerer over the set as the bot answers: the folder engine, or the PostgreSQL store. */
  async function answererFor(set: SquadSet, options: Partial<EngineOptions>) {
    if (!databaseUrl) {
      const engine = createEngine(set.documents, options);
      // As the bot answers once it has embedded its sources' sentences (it does, in the background).
      engine.prepareMeaning();
      return { answerer: engine as QuestionAnswerer, close: async () => undefined };
    }
    const { openScratchLibrary } = await import('../knowledge-db/scratch-library.js');
    const library = await openScratchLibrary(databaseUrl, set.files, options);
    // Every sentence embedded ahead as the store's engines read them (the folder's sentences are the same).
    if (options.meaning) createEngine(set.documents, options).prepareMeaning();
    return { answerer: library.knowledge as QuestionAnswerer, close: () => library.close() };
  }

  if (!existsSync(file)) throw new Error(`SQuAD file not found: ${file}`);
  const { first, end } = SQUAD_PUBLIC_ARTICLES;
  const all = loadSquadArticles(file, first, end);
  const questions = sample(all.questions, sampleSize);
  process.stdout.write(
    `SQuAD v1.1 dev, public half (articles ${first}-${end - 1}): ${all.documents.length} articles, ${questions.length} of ${all.questions.length} questions, asked against all articles at once${databaseUrl ? ', answered from PostgreSQL (KNOWLEDGE_STORE=postgres)' : ''}\n`,
  );
  // As the bot answers (with the answer model when the encoder is on), then on coverage alone.
  const variants = [
    ...(meaning ? [{ label: 'answer model', options: { meaning } }] : []),
    { label: 'coverage alone', options: {} },
  ];
  // The questions' sentence vectors are made in batches first (faster than one at a time).
  meaning?.prepare(
    questions.map((question) => question.question),
    PREPARED_VECTORS_LIMIT,
  );
  // Each line is printed as soon as it is measured: the whole run takes minutes.
  for (const { label, options } of variants) {
    const started = performance.now();
    const { answerer, close } = await answererFor(all, options);
    const score = await scoreSquad(answerer, questions);
    await close();
    const perQuestion = (performance.now() - started) / questions.length;
    process.stdout.write(
      `${line(`research-bot (${label})`, score)}   (${perQuestion.toFixed(2)} ms/question)\n`,
    );
  }
  process.stdout.write(
    `${line('MiniSearch BM25', await scoreSquad(await miniSearchAnswerer(all.documents), questions))}\n`,
  );
  const middle = Math.floor((first + end) / 2);
  const lower = loadSquadArticles(file, first, middle);
  const upper = loadSquadArticles(file, middle, end);
  const lowerQuestions = sample(lower.questions, sampleSize);
  const upperQuestions = sample(upper.questions, sampleSize);
  meaning?.prepare(
    [...upperQuestions, ...lowerQuestions].map((question) => question.question),
    PREPARED_VECTORS_LIMIT,
  );
  for (const { label, options } of variants) {
    const lowerEngine = await answererFor(lower, options);
    const upperEngine = await answererFor(upper, options);
    const outLower = await abstainShare(lowerEngine.answerer, upperQuestions);
    const outUpper = await abstainShare(upperEngine.answerer, lowerQuestions);
    const inLower = (await scoreSquad(lowerEngine.answerer, lowerQuestions)).answered;
    const inUpper = (await scoreSquad(upperEngine.answerer, upperQuestions)).answered;
    await lowerEngine.close();
    await upperEngine.close();
    process.stdout.write(
      `abstention (${label}): knowledge ${first}-${middle - 1}, questions ${middle}-${end - 1}: abstain ${percent(outLower)} (own questions answered ${percent(inLower)}); knowledge ${middle}-${end - 1}, questions ${first}-${middle - 1}: abstain ${percent(outUpper)} (own answered ${percent(inUpper)})\n`,
    );
  }
  return true;
}
