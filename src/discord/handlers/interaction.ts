import { type ChatInputCommandInteraction, type Interaction, MessageFlags } from 'discord.js';
import { DISCORD_MESSAGES } from '../messages.js';
import { COMMAND_NAME, EPHEMERAL_OPTION, QUESTION_OPTION } from '../options.js';
import { wantsHelp } from '../question.js';
import { type DiscordReply, renderDiscordAnswer, renderUsage } from '../render.js';
import { type HandlerContext, NO_MENTIONS } from './context.js';

/**
 * `/research question:<text> [ephemeral:true]`. The engine answers in milliseconds, so the
 * reply is sent at once (within Discord's 3-second window) rather than deferred; further
 * messages of a long answer are follow-ups.
 */
export async function handleInteraction(interaction: Interaction, context: HandlerContext): Promise<void> {
  if (!interaction.isChatInputCommand() || interaction.commandName !== COMMAND_NAME || !context.accepting())
    return;
  const done = context.inflight.begin();
  const ephemeral = interaction.options.getBoolean(EPHEMERAL_OPTION) ?? false;
  try {
    const question = (interaction.options.getString(QUESTION_OPTION) ?? '').trim();
    if (wantsHelp(question)) {
      await respond(interaction, [renderUsage()], true);
      return;
    }
    const waitMs = context.limiter.take(interaction.user.id);
    if (waitMs > 0) {
      await respond(
        interaction,
        [{ content: DISCORD_MESSAGES.rateLimited(Math.ceil(waitMs / 1000)), embeds: [] }],
        true,
      );
      return;
    }
    const answer = context.answerer.answer(question);
    await respond(interaction, renderDiscordAnswer(answer, { maxExcerpts: context.maxExcerpts }), ephemeral);
  } catch (error) {
    context.logger.error(
      { err: error, channel: interaction.channelId, guild: interaction.guildId, user: interaction.user.id },
      'discord: answering /research failed',
    );
    const apology = {
      content: DISCORD_MESSAGES.apology,
      allowedMentions: NO_MENTIONS,
      flags: MessageFlags.Ephemeral as const,
    };
    await (interaction.replied || interaction.deferred
      ? interaction.followUp(apology)
      : interaction.reply(apology)
    ).catch((replyError: unknown) =>
      context.logger.error({ err: replyError }, 'discord: apology failed too'),
    );
  } finally {
    done();
  }
}

async function respond(
  interaction: ChatInputCommandInteraction,
  replies: DiscordReply[],
  ephemeral: boolean,
): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const [first, ...rest] = replies;
  if (!first) return;
  await interaction.reply({ ...first, allowedMentions: NO_MENTIONS, ...(flags ? { flags } : {}) });
  for (const reply of rest)
    await interaction.followUp({ ...reply, allowedMentions: NO_MENTIONS, ...(flags ? { flags } : {}) });
}
