import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import {
  ACTION_IDS,
  ANSWER_ACTIONS_BLOCK_ID,
  decodeFeedbackValue,
  decodeShareValue,
} from '../action-values.js';
import { mrkdwnContext } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { answerQuestion } from './answer-question.js';
import { type HandlerContext, sendInOrder, withApology } from './context.js';

type Vote = 'up' | 'down';

/**
 * Button clicks on answers: 👍/👎 votes (logged with the question and excerpt ids; the message
 * then says thanks) and "Share in channel" (the ephemeral answer is posted for everyone).
 */
export function registerActions(app: App, ctx: HandlerContext): void {
  registerVote(app, ctx, ACTION_IDS.feedbackUp, 'up');
  registerVote(app, ctx, ACTION_IDS.feedbackDown, 'down');
  registerShare(app, ctx);
}

function registerVote(app: App, ctx: HandlerContext, actionId: string, vote: Vote): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
    await ack();
    const request = actionRequest('feedback', body);
    await withApology(
      ctx,
      request,
      async () => {
        const value = decodeFeedbackValue(action.value);
        ctx.logger.info(
          { ...request, vote, question: value?.question, excerptIds: value?.excerptIds ?? [] },
          'slack: feedback',
        );
        const original = body.message?.blocks as types.KnownBlock[] | undefined;
        if (original?.some((b) => b.block_id === ANSWER_ACTIONS_BLOCK_ID)) {
          await respond({
            replace_original: true,
            text:
              typeof body.message?.text === 'string'
                ? body.message.text
                : SLACK_MESSAGES.feedbackThanks(vote),
            blocks: thankInPlace(original, vote),
          });
        } else {
          // Ephemeral answers come without their blocks, so the thanks is a note of its own.
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: SLACK_MESSAGES.feedbackThanks(vote),
          });
        }
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.apology }),
    );
  });
}

/** Who clicked where, for logs and apologies. */
function actionRequest(kind: 'feedback' | 'share', body: BlockAction<ButtonAction>) {
  return { kind, user: body.user.id, channel: body.channel?.id, team: body.team?.id ?? undefined };
}

/** The answer's blocks with its buttons replaced by the thanks; everything else unchanged. */
function thankInPlace(blocks: types.KnownBlock[], vote: Vote): types.KnownBlock[] {
  return blocks.map((block) =>
    block.block_id === ANSWER_ACTIONS_BLOCK_ID ? mrkdwnContext(SLACK_MESSAGES.feedbackThanks(vote)) : block,
  );
}

function registerShare(app: App, ctx: HandlerContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, respond }) => {
    await ack();
    const request = actionRequest('share', body);
    await withApology(
      ctx,
      request,
      async () => {
        const question = decodeShareValue(action.value)?.question ?? '';
        // One post to the response_url is kept for deleting the ephemeral original.
        const reply = answerQuestion(ctx, question, request, {
          share: false,
          maxMessages: SLACK_LIMITS.responseUrlPosts - 1,
        });
        await sendInOrder(reply.messages, (message) =>
          respond({ response_type: 'in_channel', replace_original: false, ...message }),
        );
        await respond({ delete_original: true });
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.apology }),
    );
  });
}
