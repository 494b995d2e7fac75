import type { App } from '@slack/bolt';
import { SLACK_MESSAGES } from '../messages.js';
import type { HandlerContext } from './context.js';
import { answerInThread } from './thread-question.js';

/**
 * @mentions in channels: answered in a thread under the mention, or in the same thread when the
 * mention was itself a thread reply. Mentions by bots are ignored, so two bots cannot loop.
 */
export function registerMention(app: App, ctx: HandlerContext): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || event.subtype) return;
    const threadTs = event.thread_ts ?? event.ts;
    await answerInThread(
      ctx,
      {
        kind: 'app_mention',
        user: event.user,
        channel: event.channel,
        team: event.team,
        text: event.text,
        files: event.files,
        threadTs,
        conversation: `${event.channel}:${threadTs}`,
        sourcesHint: SLACK_MESSAGES.sourcesHintMention,
      },
      { client, context },
    );
  });
}
