import type { App } from '@slack/bolt';
import { SLACK_MESSAGES } from '../messages.js';
import type { HandlerContext } from './context.js';
import { answerInThread } from './thread-question.js';

/**
 * Direct messages to the bot: answered in the DM (in the thread, when the question was a thread
 * reply). Edits, joins, bot messages and anything outside a DM are ignored.
 */
export function registerDirectMessage(app: App, ctx: HandlerContext): void {
  app.message(async ({ message, client, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    await answerInThread(
      ctx,
      {
        kind: 'direct_message',
        user: message.user,
        channel: message.channel,
        team: message.team,
        text: message.text,
        threadTs: message.thread_ts,
        // A DM is one conversation (each of its threads another), so follow-ups work there too.
        conversation: `${message.channel}:${message.thread_ts ?? 'dm'}`,
        sourcesHint: SLACK_MESSAGES.sourcesHintDirect,
      },
      { client, context },
    );
  });
}
