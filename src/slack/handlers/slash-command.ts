import type { App } from '@slack/bolt';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { plainQuestion } from '../question-text.js';
import { isPrivateReply, renderSlackReply } from '../render-reply.js';
import { type HandlerContext, sendInOrder } from './context.js';

/**
 * The slash command: acknowledged at once (an empty 200, well within Slack's 3 s), then answered
 * through the command's `response_url` with the configured visibility. `response_url` works in
 * every conversation the command can be typed in, including private channels and DMs the bot is
 * not a member of, and it is the only way to post an ephemeral reply after the ack.
 * Help, refusals and apologies are always ephemeral: they are for the asker only.
 */
export function registerSlashCommand(app: App, ctx: HandlerContext): void {
  const { command: name, visibility, maxExcerpts } = ctx.options;
  app.command(name, async ({ command, ack, respond }) => {
    await ack();
    await ctx.chat.receive(
      {
        kind: 'slash_command',
        user: command.user_id,
        channel: command.channel_id,
        text: plainQuestion(command.text),
        where: { team: command.team_id },
      },
      {
        say: async (reply) => {
          const messages = renderSlackReply(reply, {
            askedBy: command.user_id,
            command: name,
            maxExcerpts,
            share: visibility === 'ephemeral',
            maxMessages: SLACK_LIMITS.responseUrlPosts,
            sourcesHint: (page) => SLACK_MESSAGES.sourcesHintCommand(name, page),
          });
          const responseType = isPrivateReply(reply) ? 'ephemeral' : visibility;
          await sendInOrder(messages, (message) =>
            respond({ response_type: responseType, replace_original: false, ...message }),
          );
          return undefined;
        },
      },
    );
  });
}
