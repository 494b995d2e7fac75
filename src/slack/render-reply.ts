import type { ChatReply } from '../chat/index.js';
import type { SlackMessage } from './blocks.js';
import { SLACK_MESSAGES } from './messages.js';
import { type RenderAnswerOptions, renderSlackAnswer } from './render-answer.js';
import { renderSlackSources } from './render-sources.js';
import { renderUsage } from './render-usage.js';

/** How to render a reply where it was asked. */
export interface RenderReplyOptions extends RenderAnswerOptions {
  /** How to ask for the next page of the sources list here, e.g. "/research sources 2". */
  sourcesHint: (page: number) => string;
}

/** The conversation's reply as Slack messages, each within Slack's limits. */
export function renderSlackReply(
  reply: ChatReply,
  options: RenderReplyOptions,
): Array<SlackMessage | { text: string }> {
  switch (reply.kind) {
    case 'help':
      return [renderUsage(options.command)];
    case 'sources':
      return [renderSlackSources(reply.entries, reply.page, options.sourcesHint)];
    case 'answer': {
      const { sourcesHint: _hint, ...answerOptions } = options;
      return renderSlackAnswer(reply.answer, {
        ...answerOptions,
        ...(reply.answerId ? { answerId: reply.answerId } : {}),
      });
    }
    case 'rate_limited':
      return [{ text: SLACK_MESSAGES.rateLimited(reply.seconds) }];
    case 'restarting':
      return [{ text: SLACK_MESSAGES.restarting }];
    case 'apology':
      return [{ text: SLACK_MESSAGES.apology }];
  }
}

/** Replies only the asker should see: help, refusals that explain how to ask, and notices. */
export function isPrivateReply(reply: ChatReply): boolean {
  return reply.kind === 'answer' ? reply.answer.status === 'needs_question' : reply.kind !== 'sources';
}
