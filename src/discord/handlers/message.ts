import type { Message } from 'discord.js';
import { sourcesRequest } from '../../research/index.js';
import { loggableError } from '../log-error.js';
import { DISCORD_MESSAGES } from '../messages.js';
import { mentionsBot, questionFromMessage, wantsHelp } from '../question.js';
import { type DiscordReply, renderDiscordAnswer, renderUsage } from '../render.js';
import { renderDiscordSources } from '../render-sources.js';
import { type HandlerContext, NO_MENTIONS } from './context.js';

/**
 * A message that mentions the bot in a server, or any message in a DM, is a question: the
 * reply references it. Bots (this one included) are ignored, as are messages that reach the bot
 * only through @everyone, @here, a role, or a reply to one of its messages without a mention.
 */
export async function handleMessage(message: Message, context: HandlerContext): Promise<void> {
  const botId = message.client.user?.id;
  if (!botId || message.author.bot || message.system) return;
  const direct = !message.inGuild();
  if (!direct && !mentionsBot(message.content, botId)) return;
  const phase = context.phase();
  if (phase === 'idle') return;
  const done = context.inflight.begin();
  try {
    if (phase === 'stopping') {
      await send(message, [{ content: DISCORD_MESSAGES.restarting, embeds: [] }]);
      return;
    }
    // Everything that earns a reply counts, help included, so no one can make the bot flood a channel.
    const waitMs = context.limiter.take(message.author.id);
    if (waitMs > 0) {
      await send(message, [{ content: DISCORD_MESSAGES.rateLimited(Math.ceil(waitMs / 1000)), embeds: [] }]);
      return;
    }
    const question = questionFromMessage(message.content, botId);
    if (wantsHelp(question)) {
      await send(message, [renderUsage()]);
      return;
    }
    if ('sendTyping' in message.channel) {
      void message.channel
        .sendTyping()
        .catch((error: unknown) =>
          context.logger.debug({ err: loggableError(error) }, 'typing indicator failed'),
        );
    }
    const channel = answerChannel(message);
    const page = sourcesRequest(question);
    if (page !== null) {
      await send(message, [renderDiscordSources(context.research.sources(channel), page)]);
      return;
    }
    // A reply to one of the bot's answers continues that conversation (see research/follow-up.ts).
    const { answer, turn, followUp } = context.research.ask({
      text: question,
      channel,
      conversation: message.reference?.messageId,
    });
    const answerId =
      answer.status === 'needs_question'
        ? undefined
        : context.recorder.recordAnswer({
            platform: 'discord',
            user: message.author.id,
            channel: message.channelId,
            answer,
            followUp,
          });
    const sent = await send(
      message,
      renderDiscordAnswer(answer, { maxExcerpts: context.maxExcerpts, answerId }),
    );
    if (turn) for (const id of sent) context.research.remember(id, turn);
  } catch (error) {
    context.logger.error(
      {
        err: loggableError(error),
        channel: message.channelId,
        guild: message.guildId,
        user: message.author.id,
        message: message.id,
      },
      'discord: answering a message failed',
    );
    await message
      .reply({ content: DISCORD_MESSAGES.apology, allowedMentions: NO_MENTIONS })
      .catch((replyError: unknown) =>
        context.logger.error({ err: loggableError(replyError) }, 'discord: apology failed too'),
      );
  } finally {
    done();
  }
}

/**
 * The first message replies to the question; the rest follow in the same channel. Returns the
 * ids of the messages sent, so a reply to any of them continues the conversation.
 */
async function send(message: Message, replies: DiscordReply[]): Promise<string[]> {
  const [first, ...rest] = replies;
  if (!first) return [];
  const sent = [(await message.reply({ ...first, allowedMentions: NO_MENTIONS })).id];
  for (const reply of rest) {
    if ('send' in message.channel)
      sent.push((await message.channel.send({ ...reply, allowedMentions: NO_MENTIONS })).id);
  }
  return sent;
}

/** The channel whose source set applies: a thread's parent channel, or the channel itself. */
function answerChannel(message: Message): string {
  return message.channel.isThread() ? (message.channel.parentId ?? message.channelId) : message.channelId;
}
