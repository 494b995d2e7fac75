import type { App } from '@slack/bolt';
import type { SlackMessage } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { plainQuestion } from '../question-text.js';
import { answerQuestion } from './answer-question.js';
import { type HandlerContext, sendInOrder, withApology } from './context.js';

/**
 * Direct messages to the bot: answered in the DM (in the thread, when the question was a thread
 * reply). Edits, joins, bot messages and anything outside a DM are ignored.
 */
export function registerDirectMessage(app: App, ctx: HandlerContext): void {
  app.message(async ({ message, client, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    const threadTs = message.thread_ts;
    const request = {
      kind: 'direct_message',
      user: message.user,
      channel: message.channel,
      team: message.team,
    };
    const post = (reply: SlackMessage | { text: string }) =>
      client.chat.postMessage({
        channel: message.channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...reply,
      });
    await withApology(
      ctx,
      request,
      async () => {
        const question = plainQuestion(message.text, context.botUserId);
        const reply = answerQuestion(
          ctx,
          question,
          request,
          { share: false, maxMessages: SLACK_LIMITS.postedMessages },
          {
            channel: message.channel,
            // A DM is one conversation (each of its threads another), so follow-ups work there too.
            conversation: `${message.channel}:${threadTs ?? 'dm'}`,
            sourcesHint: SLACK_MESSAGES.sourcesHintDirect,
          },
        );
        await sendInOrder(reply.messages, post);
      },
      () => post({ text: SLACK_MESSAGES.apology }),
    );
  });
}
