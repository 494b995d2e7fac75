import type { AllMiddlewareArgs } from '@slack/bolt';
import { type SlackFile, slackFiles } from '../files.js';
import { SLACK_LIMITS } from '../limits.js';
import { plainQuestion } from '../question-text.js';
import { renderSlackReply } from '../render-reply.js';
import { type HandlerContext, sendInOrder } from './context.js';

/** A question posted as a message (a mention, a DM), answered by posting in its thread. */
export interface ThreadQuestion {
  kind: 'app_mention' | 'direct_message';
  user: string | undefined;
  channel: string;
  team: string | undefined;
  /** The message's Slack-formatted text. */
  text: string | undefined;
  /** Files shared with the message (a curator may add them). */
  files?: readonly SlackFile[] | undefined;
  /** The thread to answer in; undefined answers in the channel (a DM's main view). */
  threadTs: string | undefined;
  /** The conversation key a follow-up here will come under. */
  conversation: string;
  sourcesHint: (page: number) => string;
}

/** Answers a mention or a DM where it was asked; a follow-up in the same thread builds on it. */
export async function answerInThread(
  ctx: HandlerContext,
  question: ThreadQuestion,
  { client, context }: Pick<AllMiddlewareArgs, 'client' | 'context'>,
): Promise<void> {
  await ctx.chat.receive(
    {
      kind: question.kind,
      user: question.user,
      channel: question.channel,
      conversation: question.conversation,
      text: plainQuestion(question.text, context.botUserId),
      files: slackFiles(question.files, ctx.options.botToken, ctx.options.apiUrl),
      where: { team: question.team },
    },
    {
      say: async (reply) => {
        const messages = renderSlackReply(reply, {
          askedBy: question.user,
          command: ctx.options.command,
          maxExcerpts: ctx.options.maxExcerpts,
          share: false,
          maxMessages: SLACK_LIMITS.postedMessages,
          sourcesHint: question.sourcesHint,
        });
        await sendInOrder(messages, (message) =>
          client.chat.postMessage({
            channel: question.channel,
            ...(question.threadTs ? { thread_ts: question.threadTs } : {}),
            ...message,
          }),
        );
        return [question.conversation];
      },
    },
  );
}
