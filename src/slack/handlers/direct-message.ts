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
    // A plain message, or one sharing files (a curator's attachment to add).
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (message.channel_type !== 'im' || ('bot_id' in message && message.bot_id)) return;
    await answerInThread(
      ctx,
      {
        kind: 'direct_message',
        user: message.user,
        channel: message.channel,
        team: 'team' in message ? message.team : undefined,
        text: message.text,
        files: message.subtype === 'file_share' ? message.files : undefined,
        threadTs: message.thread_ts,
        // A DM is one conversation (each of its threads another), so follow-ups work there too.
        conversation: `${message.channel}:${message.thread_ts ?? 'dm'}`,
        sourcesHint: SLACK_MESSAGES.sourcesHintDirect,
      },
      { client, context },
    );
  });
}
