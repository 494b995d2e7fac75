import { createInterface } from 'node:readline';
import type { Engine } from '../answer/index.js';
import { answerToJson, formatAnswerLine, formatAnswerText } from './format.js';

/**
 * `ask "question"` prints one answer; `ask` with no question reads questions from stdin, one per
 * line, and writes one answer per line (JSON Lines with `--json`). Blank lines are skipped.
 */
export async function runAsk(engine: Engine, question: string | undefined, json: boolean): Promise<void> {
  if (question !== undefined) {
    const answer = engine.answer(question);
    process.stdout.write(
      `${json ? JSON.stringify(answerToJson(answer), null, 2) : formatAnswerText(answer)}\n`,
    );
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const answer = engine.answer(line);
    process.stdout.write(`${json ? JSON.stringify(answerToJson(answer)) : formatAnswerLine(answer)}\n`);
  }
}
