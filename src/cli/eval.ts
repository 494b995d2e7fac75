import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../answer/index.js';
import { type EvalSummary, evaluate, readEvalQuestions } from '../eval/evaluate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The public questions beside the project (`../shared/eval`), else the copy kept in eval/ (which
 * the Docker image holds, so `eval` runs there too).
 */
export function defaultQuestionsFile(): string {
  const shared = path.resolve(repoRoot, '..', 'shared', 'eval', 'questions.json');
  return existsSync(shared) ? shared : path.join(repoRoot, 'eval', 'questions.json');
}

/** The pass marks: below any of them `npm run eval` fails. */
export const EVAL_THRESHOLDS = Object.freeze({ hitAt1: 13 / 14, hitAt3: 1, abstain: 1 });

function report(label: string, summary: EvalSummary, verbose: boolean): void {
  if (verbose) {
    for (const { question, answer, rank, abstained } of summary.results) {
      const verdict = question.none
        ? abstained
          ? 'abstained'
          : 'QUOTED'
        : `${rank === 0 ? 'MISS' : `hit@${rank}`}${answer.answered ? '' : '?'}`;
      const first = answer.excerpts[0]?.quote.replace(/\s+/g, ' ').slice(0, 90) ?? answer.message;
      process.stdout.write(
        `  ${question.id.padEnd(5)} ${question.kind.padEnd(11)} ${verdict.padEnd(9)} ${question.q}\n        → ${first}\n`,
      );
    }
  }
  process.stdout.write(
    `${label}: hit@1 ${summary.hitAt1}/${summary.answerable}  hit@3 ${summary.hitAt3}/${summary.answerable}  abstain ${summary.abstained}/${summary.abstainable}  sure-right ${summary.sureRight}/${summary.results.length}  sure-wrong ${summary.sureWrong}/${summary.results.length}\n`,
  );
}

/** Scores the questions; returns true when the pass marks are met. */
export async function runEval(
  engine: Engine,
  files: { main: string; extra?: string },
  verbose: boolean,
): Promise<boolean> {
  const summary = await evaluate(engine, await readEvalQuestions(files.main));
  process.stdout.write(`questions: ${files.main}\n`);
  report('public', summary, verbose);
  if (files.extra) {
    report('extra (not gated)', await evaluate(engine, await readEvalQuestions(files.extra)), verbose);
  }
  const pass =
    summary.hitAt1 >= Math.ceil(summary.answerable * EVAL_THRESHOLDS.hitAt1) &&
    summary.hitAt3 >= Math.ceil(summary.answerable * EVAL_THRESHOLDS.hitAt3) &&
    summary.abstained >= Math.ceil(summary.abstainable * EVAL_THRESHOLDS.abstain);
  process.stdout.write(
    pass ? 'eval: PASS\n' : 'eval: FAIL (needs hit@1 ≥ 13/14, hit@3 14/14, abstain 2/2)\n',
  );
  return pass;
}
