import type { App } from '@slack/bolt';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { plainQuestion } from '../question-text.js';
import { answerQuestion } from './answer-question.js';
import { type HandlerContext, sendInOrder, withApology } from './context.js';

/**
 * The slash command: acknowledged at once (an empty 200, well within Slack's 3 s), then answered
 * through the command's `response_url` with the configured visibility. `response_url` works in
 * every conversation the command can be typed in, including private channels and DMs the bot is
 * not a member of, and it is the only way to post an ephemeral reply after the ack.
 * Help is always ephemeral: it is for the asker only.
 */
export function registerSlashCommand(app: App, ctx: HandlerContext): void {
  app.command(ctx.options.command, async ({ command, ack, respond }) => {
    await ack();
    const request = {
      kind: 'slash_command',
      user: command.user_id,
      channel: command.channel_id,
      team: command.team_id,
    };
    await withApology(
      ctx,
      request,
      async () => {
        const question = plainQuestion(command.text);
        const reply = answerQuestion(
          ctx,
          question,
          request,
          { share: ctx.options.visibility === 'ephemeral', maxMessages: SLACK_LIMITS.responseUrlPosts },
          {
            channel: command.channel_id,
            sourcesHint: (page) => SLACK_MESSAGES.sourcesHintCommand(ctx.options.command, page),
          },
        );
        const responseType = reply.help ? 'ephemeral' : ctx.options.visibility;
        await sendInOrder(reply.messages, (message) =>
          respond({ response_type: responseType, replace_original: false, ...message }),
        );
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.apology }),
    );
  });
}
