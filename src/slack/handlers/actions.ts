import type { App, BlockAction, ButtonAction, StaticSelectAction, types } from '@slack/bolt';
import { clip } from '../../chat/clip.js';
import type { ChatMessage } from '../../chat/index.js';
import { CITATION_STYLE_NAMES, formatCitation } from '../../cite/index.js';
import { citationTitle } from '../../knowledge/citation.js';
import {
  ACTION_IDS,
  ANSWER_ACTIONS_BLOCK_ID,
  decodeCiteValue,
  decodeFeedbackValue,
  decodeShareValue,
} from '../action-values.js';
import { mrkdwnContext, mrkdwnSection } from '../blocks.js';
import { escapeMrkdwn } from '../escape.js';
import { SLACK_LIMITS } from '../limits.js';
import { SLACK_MESSAGES } from '../messages.js';
import { renderSlackReply } from '../render-reply.js';
import { type HandlerContext, sendInOrder } from './context.js';

type Vote = 'up' | 'down';

/**
 * Clicks on answers: 👍/👎 votes (stored with the answer; logged with the excerpt ids, the
 * question only at debug; the message then says thanks), "Share in channel" (the ephemeral
 * answer is posted for everyone) and "Cite as…" (the citation, only for the one who asked).
 */
export function registerActions(app: App, ctx: HandlerContext): void {
  registerVote(app, ctx, ACTION_IDS.feedbackUp, 'up');
  registerVote(app, ctx, ACTION_IDS.feedbackDown, 'down');
  registerShare(app, ctx);
  registerCite(app, ctx);
  registerRemove(app, ctx);
}

/**
 * The Remove button under a source a curator added: removes it like `remove <id>` (curators only).
 * The outcome replaces the message the button was on; a refusal goes only to the one who clicked.
 */
function registerRemove(app: App, ctx: HandlerContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.remove, async ({ ack, body, action, respond }) => {
    await ack();
    const { command, maxExcerpts } = ctx.options;
    await ctx.chat.receive(clickMessage('remove_button', body, `remove ${action.value ?? ''}`), {
      say: async (reply) => {
        const [message] = renderSlackReply(reply, {
          command,
          maxExcerpts,
          sourcesHint: (page) => SLACK_MESSAGES.sourcesHintCommand(command, page),
        });
        if (!message) return undefined;
        if (reply.kind === 'curated') await respond({ replace_original: true, ...message });
        else await respond({ response_type: 'ephemeral', replace_original: false, ...message });
        return undefined;
      },
    });
  });
}

function registerCite(app: App, ctx: HandlerContext): void {
  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.cite, async ({ ack, body, action, respond }) => {
    await ack();
    await ctx.chat.act(
      actionWhere('cite', body),
      async () => {
        const value = decodeCiteValue(action.selected_option?.value);
        const document = value ? ctx.chat.document(value.sourceId) : undefined;
        ctx.logger.info(
          { kind: 'cite', channel: body.channel?.id, source: value?.sourceId, style: value?.style },
          'slack: cite',
        );
        if (!value || !document) {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: SLACK_MESSAGES.citeGone,
          });
          return;
        }
        const citation = formatCitation(document.meta, value.style);
        const heading = SLACK_MESSAGES.citationOf(
          CITATION_STYLE_NAMES[value.style],
          escapeMrkdwn(clip(citationTitle(document.meta), 200)),
        );
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: citation,
          blocks: [
            mrkdwnSection(heading),
            mrkdwnSection(`\`\`\`${escapeMrkdwn(clip(citation, 2800))}\`\`\``),
          ],
        });
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.apology }),
    );
  });
}

function registerVote(app: App, ctx: HandlerContext, actionId: string, vote: Vote): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
    await ack();
    await ctx.chat.act(
      actionWhere('feedback', body),
      async () => {
        const value = decodeFeedbackValue(action.value);
        ctx.chat.vote({
          user: body.user.id,
          channel: body.channel?.id,
          vote,
          answerId: value?.answerId,
          excerptIds: value?.excerptIds ?? [],
          question: value?.question,
        });
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

/** A click that asks the conversation something (`text`), as the message it stands for. */
function clickMessage(kind: string, body: BlockAction, text: string): ChatMessage {
  return {
    kind,
    user: body.user.id,
    channel: body.channel?.id,
    text,
    where: { team: body.team?.id ?? undefined },
  };
}

/** Who clicked where, for the log of a failure. */
function actionWhere(kind: 'cite' | 'feedback', body: BlockAction) {
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
    const { command, maxExcerpts } = ctx.options;
    await ctx.chat.receive(clickMessage('share', body, decodeShareValue(action.value)?.question ?? ''), {
      say: async (reply) => {
        const messages = renderSlackReply(reply, {
          askedBy: body.user.id,
          command,
          maxExcerpts,
          share: false,
          // One post to the response_url is kept for deleting the ephemeral original.
          maxMessages: SLACK_LIMITS.responseUrlPosts - 1,
          sourcesHint: (page) => SLACK_MESSAGES.sourcesHintCommand(command, page),
        });
        // Only an answer is shared; anything else (an apology) stays with the one who clicked.
        const shared = reply.kind === 'answer';
        await sendInOrder(messages, (message) =>
          respond({
            response_type: shared ? 'in_channel' : 'ephemeral',
            replace_original: false,
            ...message,
          }),
        );
        if (shared) await respond({ delete_original: true });
        return undefined;
      },
    });
  });
}
