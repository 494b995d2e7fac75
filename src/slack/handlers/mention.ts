import type { App } from '@slack/bolt';
import type { SlackMessage } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { plainQuestion } from '../question-text.js';
import { answerQuestion } from './answer-question.js';
import { type HandlerContext, sendInOrder, withApology } from './context.js';

/**
 * @mentions in channels: answered in a thread under the mention, or in the same thread when the
 * mention was itself a thread reply. Mentions by bots are ignored, so two bots cannot loop.
 */
export function registerMention(app: App, ctx: HandlerContext): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || event.subtype) return;
    const threadTs = event.thread_ts ?? event.ts;
    const request = { kind: 'app_mention', user: event.user, channel: event.channel, team: event.team };
    const post = (message: SlackMessage | { text: string }) =>
      client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message });
    await withApology(
      ctx,
      request,
      async () => {
        const question = plainQuestion(event.text, context.botUserId);
        const reply = answerQuestion(
          ctx,
          question,
          request,
          { share: false, maxMessages: SLACK_LIMITS.postedMessages },
          {
            channel: event.channel,
            conversation: `${event.channel}:${threadTs}`,
            sourcesHint: SLACK_MESSAGES.sourcesHintMention,
          },
        );
        await sendInOrder(reply.messages, post);
      },
      () => post({ text: SLACK_MESSAGES.apology }),
    );
  });
}
