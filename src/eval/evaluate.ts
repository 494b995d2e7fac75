import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Answer, QuestionAnswerer } from '../answer/types.js';

const questionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  q: z.string(),
  /** The page the question was written about (news questions: the first 12 characters of its key). */
  page: z.string().optional(),
  /** The SQuAD article the question was written about (0–23, the public half): `eval/squad-written.json`. */
  article: z.number().int().min(0).optional(),
  any: z.array(z.string()).optional(),
  none: z.boolean().optional(),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export async function readEvalQuestions(file: string): Promise<EvalQuestion[]> {
  return z.array(questionSchema).parse(JSON.parse(await readFile(file, 'utf8')));
}

/** The comparison the evaluation uses: case, curly quotes, dashes and runs of white space folded. */
export function normalizeForEval(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ');
}

/**
 * Whether one sentence holds the answer, for fitting: it contains an expected phrase (folded as
 * above), or lies within one (a phrase may span two sentences), or holds the first or last 40
 * characters of one.
 */
export function sentenceHoldsPhrase(sentence: string, phrases: readonly string[]): boolean {
  const text = normalizeForEval(sentence);
  return phrases
    .map(normalizeForEval)
    .some(
      (phrase) =>
        text.includes(phrase) ||
        (text.length > 25 && phrase.includes(text)) ||
        text.includes(phrase.slice(0, 40)) ||
        text.includes(phrase.slice(-40)),
    );
}

export interface EvalResult {
  question: EvalQuestion;
  answer: Answer;
  /** Position (1-based) of the first excerpt holding an expected phrase; 0 when none does. */
  rank: number;
  /** For `none` questions: no confident answer (`answered: false`; an uncertain answer's excerpts may be shown). */
  abstained: boolean;
  /** Answered confidently with a right first excerpt. */
  sureRight: boolean;
  /** Answered confidently with a wrong first excerpt, or a `none` question answered confidently: the harm. */
  sureWrong: boolean;
}

export interface EvalSummary {
  results: EvalResult[];
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  abstainable: number;
  abstained: number;
  /** Over all questions (answerable and `none`). */
  sureRight: number;
  sureWrong: number;
}

export async function evaluate(
  answerer: QuestionAnswerer,
  questions: readonly EvalQuestion[],
): Promise<EvalSummary> {
  const results: EvalResult[] = [];
  for (const question of questions) {
    const answer = await answerer.answer(question.q);
    const phrases = (question.any ?? []).map(normalizeForEval);
    const position = answer.excerpts.findIndex((excerpt) =>
      phrases.some((phrase) => normalizeForEval(excerpt.quote).includes(phrase)),
    );
    results.push({
      question,
      answer,
      rank: position + 1,
      abstained: !answer.answered,
      sureRight: answer.answered && !question.none && position === 0,
      sureWrong: answer.answered && (question.none === true || position !== 0),
    });
  }
  const answerable = results.filter((result) => !result.question.none);
  const abstainable = results.filter((result) => result.question.none);
  return {
    results,
    answerable: answerable.length,
    hitAt1: answerable.filter((result) => result.rank === 1).length,
    hitAt3: answerable.filter((result) => result.rank >= 1 && result.rank <= 3).length,
    abstainable: abstainable.length,
    abstained: abstainable.filter((result) => result.abstained).length,
    sureRight: results.filter((result) => result.sureRight).length,
    sureWrong: results.filter((result) => result.sureWrong).length,
  };
}
