import { createInterface } from 'node:readline';
import type { QuestionAnswerer } from '../answer/types.js';
import { createResearch } from '../chat/index.js';
import type { CitationStyle } from '../cite/index.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { answerToJson, formatAnswerLine, formatAnswerText } from './format.js';

/** Shown when `ask` has no question and reads a terminal. */
export const ASK_PROMPT =
  'Type a question and press Enter (one per line; Ctrl-D ends), or give it on the command line: npm run ask -- "what did RAND find for reading?"';

/**
 * `ask "question"` prints one answer; `ask` with no question reads questions from stdin, one per
 * line, and writes one answer per line (JSON Lines with `--json`). Blank lines are skipped.
 * `from:` / `since:` in a question restrict the sources; with `cite`, each excerpt also gets its
 * source's citation in that style.
 */
export async function runAsk(
  engine: QuestionAnswerer & { readonly documents: readonly KnowledgeDocument[] },
  question: string | undefined,
  json: boolean,
  cite?: CitationStyle,
  /** Where questions come from without `question` (a test may give a stream of its own). */
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<void> {
  const research = createResearch(engine);
  const ask = async (text: string) => (await research.ask({ text })).answer;
  const documents = new Map(engine.documents.map((document) => [document.meta.id, document.meta]));
  const options = cite ? { cite, metaOf: (id: string) => documents.get(id) } : {};
  if (question !== undefined) {
    const answer = await ask(question);
    process.stdout.write(
      `${json ? JSON.stringify(answerToJson(answer, options), null, 2) : formatAnswerText(answer, options)}\n`,
    );
    return;
  }
  // On a terminal nothing would show that the command waits for a question: say so.
  if (input.isTTY) process.stderr.write(`${ASK_PROMPT}\n`);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const answer = await ask(line);
    process.stdout.write(
      `${json ? JSON.stringify(answerToJson(answer, options)) : formatAnswerLine(answer, options)}\n`,
    );
  }
}
