import type { Answer, QuestionAnswerer } from '../answer/types.js';
import type { SquadQuestion } from './squad.js';

/** ReQA-style figures for one run of questions. */
export interface SquadScore {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  /** Mean reciprocal rank of the first right excerpt (0 when none is right). */
  mrr: number;
  /** Share of questions answered (not abstained). */
  answered: number;
  /** Mean quote length in characters, over all excerpts given. */
  meanQuoteLength: number;
}

/** 1-based rank of the first excerpt covering a gold answer start in the question's article; 0 when none. */
export function rankOfRightExcerpt(answer: Answer, question: SquadQuestion): number {
  const at = answer.excerpts.findIndex(
    (excerpt) =>
      excerpt.source.id === question.documentId &&
      question.answerStarts.some((start) => start >= excerpt.location.start && start < excerpt.location.end),
  );
  return at + 1;
}

export async function scoreSquad(
  answerer: QuestionAnswerer,
  questions: readonly SquadQuestion[],
): Promise<SquadScore> {
  let hitAt1 = 0;
  let hitAt3 = 0;
  let reciprocal = 0;
  let answered = 0;
  let quoteCharacters = 0;
  let quotes = 0;
  for (const question of questions) {
    const answer = await answerer.answer(question.question);
    if (answer.answered) answered++;
    for (const excerpt of answer.excerpts) {
      quoteCharacters += excerpt.quote.length;
      quotes++;
    }
    const rank = rankOfRightExcerpt(answer, question);
    if (rank === 1) hitAt1++;
    if (rank >= 1 && rank <= 3) hitAt3++;
    if (rank > 0) reciprocal += 1 / rank;
  }
  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    hitAt1: hitAt1 / n,
    hitAt3: hitAt3 / n,
    mrr: reciprocal / n,
    answered: answered / n,
    meanQuoteLength: quotes === 0 ? 0 : quoteCharacters / quotes,
  };
}

/** Share of questions that get "not covered" (for questions about articles not in the knowledge base). */
export async function abstainShare(
  answerer: QuestionAnswerer,
  questions: readonly SquadQuestion[],
): Promise<number> {
  let abstained = 0;
  for (const question of questions) if (!(await answerer.answer(question.question)).answered) abstained++;
  return abstained / Math.max(1, questions.length);
}
