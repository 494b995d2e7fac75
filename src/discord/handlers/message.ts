import type { Message } from 'discord.js';
import { discordFiles, memberRoles } from '../files.js';
import { loggableError } from '../log-error.js';
import { mentionsBot, questionFromMessage } from '../question.js';
import type { DiscordReply } from '../render.js';
import { renderDiscordReply } from '../render-reply.js';
import { type HandlerContext, NO_MENTIONS } from './context.js';

/**
 * A message that mentions the bot in a server, or any message in a DM, is a question: the
 * reply references it. Bots (this one included) are ignored, as are messages that reach the bot
 * only through @everyone, @here, a role, or a reply to one of its messages without a mention.
 * A reply to one of the bot's answers continues that conversation.
 */
export async function handleMessage(message: Message, context: HandlerContext): Promise<void> {
  const botId = message.client.user?.id;
  if (!botId || message.author.bot || message.system) return;
  if (message.inGuild() && !mentionsBot(message.content, botId)) return;
  if (!context.listening()) return;
  await context.chat.receive(
    {
      kind: message.inGuild() ? 'mention' : 'direct_message',
      user: message.author.id,
      channel: message.channelId,
      sourcesChannel: message.channel.isThread()
        ? (message.channel.parentId ?? message.channelId)
        : message.channelId,
      conversation: message.reference?.messageId,
      text: questionFromMessage(message.content, botId),
      roles: memberRoles(message.member),
      files: discordFiles(message.attachments, context.apiUrl),
      where: { guild: message.guildId ?? undefined, message: message.id },
    },
    {
      say: (reply) => send(message, renderDiscordReply(reply, context.maxExcerpts)),
      working: () => {
        if ('sendTyping' in message.channel)
          void message.channel
            .sendTyping()
            .catch((error: unknown) =>
              context.logger.debug({ err: loggableError(error) }, 'typing indicator failed'),
            );
        return undefined;
      },
    },
  );
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
