import { sourcesRequest } from '../../research/index.js';
import type { SlackMessage } from '../blocks.js';
import { excerptId } from '../excerpt-id.js';
import { isHelpRequest } from '../question-text.js';
import { renderSlackAnswer } from '../render-answer.js';
import { renderSlackSources } from '../render-sources.js';
import { renderUsage } from '../render-usage.js';
import { type HandlerContext, type RequestContext, withoutUser } from './context.js';

/** The rendered reply to a question, and whether it was the help text. */
export interface RenderedReply {
  help: boolean;
  messages: SlackMessage[];
}

/** Where a question was asked, for channel source sets and follow-ups. */
export interface QuestionPlace {
  /** Channel id; a channel tied to a source set answers from it only. */
  channel?: string | undefined;
  /** The conversation (thread) this question belongs to; follow-ups build on its last question. */
  conversation?: string | undefined;
  /** How to ask for the next page of the sources list here, e.g. "/research sources 2". */
  sourcesHint: (page: number) => string;
}

/**
 * Answers a plain-text question (or shows help, or the sources list) and renders it; logs what
 * was answered (never the question or the user id at info level) and records it in the store.
 */
export function answerQuestion(
  ctx: HandlerContext,
  question: string,
  request: RequestContext & { user?: string | undefined },
  reply: { share: boolean; maxMessages: number },
  place: QuestionPlace,
): RenderedReply {
  if (isHelpRequest(question)) return { help: true, messages: [renderUsage(ctx.options.command)] };
  const page = sourcesRequest(question);
  if (page !== null) {
    return {
      help: false,
      messages: [renderSlackSources(ctx.research.sources(place.channel), page, place.sourcesHint)],
    };
  }
  const started = performance.now();
  const { answer, turn, followUp } = ctx.research.ask({
    text: question,
    channel: place.channel,
    conversation: place.conversation,
  });
  if (turn && place.conversation) ctx.research.remember(place.conversation, turn);
  const answerId =
    answer.status === 'needs_question'
      ? undefined
      : ctx.recorder.recordAnswer({
          platform: 'slack',
          user: request.user,
          channel: place.channel,
          answer,
          followUp,
        });
  ctx.logger.info(
    {
      ...withoutUser(request),
      status: answer.status,
      followUp,
      excerptIds: answer.excerpts.slice(0, ctx.options.maxExcerpts).map(excerptId),
      ms: Math.round(performance.now() - started),
    },
    'slack: answered',
  );
  const messages = renderSlackAnswer(answer, {
    askedBy: request.user,
    command: ctx.options.command,
    maxExcerpts: ctx.options.maxExcerpts,
    ...(answerId ? { answerId } : {}),
    ...reply,
  });
  return { help: answer.status === 'needs_question', messages };
}
