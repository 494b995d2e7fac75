import type { SlackMessage } from '../blocks.js';
import { excerptId } from '../excerpt-id.js';
import { isHelpRequest } from '../question-text.js';
import { renderSlackAnswer } from '../render-answer.js';
import { renderUsage } from '../render-usage.js';
import type { HandlerContext, RequestContext } from './context.js';

/** The rendered reply to a question, and whether it was the help text. */
export interface RenderedReply {
  help: boolean;
  messages: SlackMessage[];
}

/** Answers a plain-text question (or shows help) and renders it; logs what was answered. */
export function answerQuestion(
  ctx: HandlerContext,
  question: string,
  request: RequestContext & { user?: string | undefined },
  reply: { share: boolean; maxMessages: number },
): RenderedReply {
  if (isHelpRequest(question)) return { help: true, messages: [renderUsage(ctx.options.command)] };
  const started = performance.now();
  const answer = ctx.answerer.answer(question);
  ctx.logger.info(
    {
      ...request,
      status: answer.status,
      excerptIds: answer.excerpts.slice(0, ctx.options.maxExcerpts).map(excerptId),
      ms: Math.round(performance.now() - started),
    },
    'slack: answered',
  );
  const messages = renderSlackAnswer(answer, {
    askedBy: request.user,
    command: ctx.options.command,
    maxExcerpts: ctx.options.maxExcerpts,
    ...reply,
  });
  return { help: answer.status === 'needs_question', messages };
}
