import { ANSWER_MESSAGES } from '../answer/index.js';
import { clip } from '../chat/clip.js';
import { mrkdwnContext, mrkdwnSection, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_MESSAGES } from './messages.js';

/**
 * The help message: what the bot does, the three ways to ask, and three example questions.
 * `reason` is the engine's explanation when it could not use a question (e.g. only stop words);
 * it is shown first unless it is the engine's generic usage text, which the examples replace.
 */
export function renderUsage(command: string, reason?: string): SlackMessage {
  const examples = SLACK_MESSAGES.examples.map((q) => SLACK_MESSAGES.usageExample(command, q)).join('\n');
  const blocks = [
    mrkdwnSection(SLACK_MESSAGES.usageTitle),
    mrkdwnSection(SLACK_MESSAGES.usageWays(command)),
    mrkdwnSection(`${SLACK_MESSAGES.usageExamplesTitle}\n${examples}`),
    mrkdwnSection(SLACK_MESSAGES.usageMore(command)),
    mrkdwnContext(SLACK_MESSAGES.footer),
  ];
  if (reason && reason !== ANSWER_MESSAGES.usage)
    blocks.unshift(mrkdwnSection(escapeMrkdwn(clip(reason, 1000))));
  return { text: SLACK_MESSAGES.usageFallback, blocks };
}
