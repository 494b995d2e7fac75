import type { types } from '@slack/bolt';
import { clip } from '../chat/clip.js';
import { type ChatReply, type CurationResult, curatedLines } from '../chat/index.js';
import { ACTION_IDS } from './action-values.js';
import { mrkdwnSection, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_LIMITS } from './limits.js';
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
    case 'curated':
      return [renderCurated(reply.results)];
    case 'curation_refused':
      return [
        { text: reply.reason === 'disabled' ? SLACK_MESSAGES.curationDisabled : SLACK_MESSAGES.notCurator },
      ];
    case 'curation_usage':
      return [{ text: SLACK_MESSAGES.curationUsage }];
  }
}

/** One section per input; a source just added carries a Remove button for curators. */
function renderCurated(results: readonly CurationResult[]): SlackMessage {
  const lines = curatedLines(results, { escape: escapeMrkdwn, strong: (text) => `*${text}*` });
  const blocks: types.KnownBlock[] = lines.map((line) => {
    const section = mrkdwnSection(clip(line.text, SLACK_LIMITS.sectionText));
    if (!line.removable) return section;
    return {
      ...section,
      accessory: {
        type: 'button',
        action_id: ACTION_IDS.remove,
        text: { type: 'plain_text', text: SLACK_MESSAGES.removeButton },
        value: line.removable,
        style: 'danger',
      },
    };
  });
  return { text: clip(lines.map((line) => line.text).join(' '), SLACK_LIMITS.fallbackText), blocks };
}

/** Replies only the asker should see: help, refusals that explain how to ask, and notices. */
export function isPrivateReply(reply: ChatReply): boolean {
  if (reply.kind === 'answer') return reply.answer.status === 'needs_question';
  return reply.kind !== 'sources' && reply.kind !== 'curated';
}
