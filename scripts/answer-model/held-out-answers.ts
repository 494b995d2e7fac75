import path from 'node:path';
import type { Engine } from '../../src/answer/index.js';
import { loadEngineForCli } from '../../src/cli/load-engine.js';
import { type EvalSummary, evaluate, readEvalQuestions } from '../../src/eval/evaluate.js';
import type { AnswerModel } from '../../src/search/answer-model.js';
import { createSentenceEncoder } from '../../src/search/sentence-encoder.js';
import { encoderFoldOf } from '../encoder/folds.js';
import { type FitSettings, fitModel, foldOf, percent, type Sample } from './fit.js';

/** A set of questions asked as the bot answers them, over its knowledge folder. */
export interface QuestionSet {
  name: string;
  questions: string;
  knowledge: string;
}

interface Tally {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  sureRight: number;
  sureWrong: number;
  abstainable: number;
  abstained: number;
}

function emptyTally(): Tally {
  return {
    questions: 0,
    answerable: 0,
    hitAt1: 0,
    hitAt3: 0,
    sureRight: 0,
    sureWrong: 0,
    abstainable: 0,
    abstained: 0,
  };
}

function add(tally: Tally, questions: number, summary: EvalSummary): void {
  tally.questions += questions;
  tally.answerable += summary.answerable;
  tally.hitAt1 += summary.hitAt1;
  tally.hitAt3 += summary.hitAt3;
  tally.sureRight += summary.sureRight;
  tally.sureWrong += summary.sureWrong;
  tally.abstainable += summary.abstainable;
  tally.abstained += summary.abstained;
}

/** The page folds the reranker and the confidence are fitted without, as in `fitModel`. */
const FOLDS = 5;

/**
 * Every question of `sets` asked as the bot answers it (excerpts, three answers), held out twice
 * over: its cosines come from the encoder fitted without its half of the pages (`encoders`, by
 * `encoderFoldOf`), and the answer model from `samples` without its page's fold. Prints hit@1,
 * hit@3, sure-right, sure-wrong and abstention per set, as the held-back questions are scored.
 */
export async function printHeldOutAnswers(
  samples: readonly Sample[],
  settings: Omit<FitSettings, 'report'>,
  encoders: readonly string[],
  sets: readonly QuestionSet[],
): Promise<void> {
  const models: AnswerModel[] = Array.from({ length: FOLDS }, (_, fold) =>
    fitModel(
      samples.filter((sample) => foldOf(sample.group, FOLDS) !== fold),
      { ...settings, report: false },
    ),
  );
  const tallies = new Map<string, Tally>(sets.map((set) => [set.name, emptyTally()]));
  for (const [encoderFold, dir] of encoders.entries()) {
    const encoder = createSentenceEncoder(dir);
    if (!encoder) continue;
    // One engine per knowledge folder and model, whichever sets ask it.
    const engines = new Map<string, Engine>();
    const engineFor = async (knowledge: string, fold: number) => {
      const key = `${fold}:${knowledge}`;
      let engine = engines.get(key);
      if (!engine) {
        engine = await loadEngineForCli(knowledge, { meaning: encoder, answerModel: models[fold] as AnswerModel });
        engine.prepareMeaning();
        engines.set(key, engine);
      }
      return engine;
    };
    for (const set of sets) {
      const groupOf = (page: string | undefined) => page ?? path.basename(set.questions);
      const own = (await readEvalQuestions(set.questions)).filter(
        (question) => encoderFoldOf(groupOf(question.page)) === encoderFold,
      );
      encoder.prepare(
        own.map((question) => question.q),
        100_000,
      );
      for (let fold = 0; fold < FOLDS; fold++) {
        const questions = own.filter((question) => foldOf(groupOf(question.page), FOLDS) === fold);
        if (questions.length > 0)
          add(
            tallies.get(set.name) as Tally,
            questions.length,
            await evaluate(await engineFor(set.knowledge, fold), questions),
          );
      }
    }
    encoder.close();
  }
  for (const [name, t] of tallies)
    process.stdout.write(
      `${name} (answers held out): hit@1 ${percent(t.hitAt1, t.answerable)}  hit@3 ${percent(t.hitAt3, t.answerable)}  ` +
        `sure-right ${percent(t.sureRight, t.questions)}  sure-wrong ${percent(t.sureWrong, t.questions)}  ` +
        `abstain ${t.abstained}/${t.abstainable}\n`,
    );
}
