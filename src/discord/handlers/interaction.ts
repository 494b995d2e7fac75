import { type ChatInputCommandInteraction, type Interaction, MessageFlags } from 'discord.js';
import { sourcesRequest } from '../../research/index.js';
import { loggableError } from '../log-error.js';
import { DISCORD_MESSAGES } from '../messages.js';
import { COMMAND_NAME, EPHEMERAL_OPTION, QUESTION_OPTION } from '../options.js';
import { wantsHelp } from '../question.js';
import { type DiscordReply, renderDiscordAnswer, renderUsage } from '../render.js';
import { renderDiscordSources } from '../render-sources.js';
import { handleComponent } from './component.js';
import { type HandlerContext, NO_MENTIONS } from './context.js';

/**
 * Discord drops an interaction not answered within 3 s of its creation. The engine answers in
 * milliseconds, so the reply normally goes out at once; but when the interaction reaches us this
 * late already (a busy process, a slow gateway), it is deferred first ("thinking…") and the
 * answer then edits that reply.
 */
export const DEFER_AFTER_MS = 1500;

/**
 * `/research question:<text> [ephemeral:true]`. Help and the rate-limit notice are only shown to
 * the asker; the answer is public unless `ephemeral` is set. Further messages of a long answer
 * are follow-ups.
 */
export async function handleInteraction(interaction: Interaction, context: HandlerContext): Promise<void> {
  if (interaction.isStringSelectMenu() || interaction.isButton()) {
    await handleComponent(interaction, context);
    return;
  }
  if (!interaction.isChatInputCommand() || interaction.commandName !== COMMAND_NAME) return;
  const phase = context.phase();
  if (phase === 'idle') return;
  const done = context.inflight.begin();
  const ephemeral = interaction.options.getBoolean(EPHEMERAL_OPTION) ?? false;
  try {
    if (phase === 'stopping') {
      await respond(interaction, [{ content: DISCORD_MESSAGES.restarting, embeds: [] }], true);
      return;
    }
    const question = (interaction.options.getString(QUESTION_OPTION) ?? '').trim();
    const waitMs = context.limiter.take(interaction.user.id);
    if (waitMs > 0) {
      const notice = { content: DISCORD_MESSAGES.rateLimited(Math.ceil(waitMs / 1000)), embeds: [] };
      await respond(interaction, [notice], true);
      return;
    }
    if (wantsHelp(question)) {
      await respond(interaction, [renderUsage()], true);
      return;
    }
    if (Date.now() - interaction.createdTimestamp > DEFER_AFTER_MS) {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    }
    const page = sourcesRequest(question);
    if (page !== null) {
      await respond(
        interaction,
        [renderDiscordSources(context.research.sources(interaction.channelId), page)],
        ephemeral,
      );
      return;
    }
    const { answer, followUp } = context.research.ask({ text: question, channel: interaction.channelId });
    const answerId =
      answer.status === 'needs_question'
        ? undefined
        : context.recorder.recordAnswer({
            platform: 'discord',
            user: interaction.user.id,
            channel: interaction.channelId,
            answer,
            followUp,
          });
    await respond(
      interaction,
      renderDiscordAnswer(answer, { maxExcerpts: context.maxExcerpts, answerId }),
      ephemeral,
    );
  } catch (error) {
    context.logger.error(
      {
        err: loggableError(error),
        channel: interaction.channelId,
        guild: interaction.guildId,
        user: interaction.user.id,
      },
      'discord: answering /research failed',
    );
    await apologize(interaction).catch((replyError: unknown) =>
      context.logger.error({ err: loggableError(replyError) }, 'discord: apology failed too'),
    );
  } finally {
    done();
  }
}

/** The first message is the interaction's reply (or fills the deferred one); the rest follow up. */
async function respond(
  interaction: ChatInputCommandInteraction,
  replies: DiscordReply[],
  ephemeral: boolean,
): Promise<void> {
  const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  const [first, ...rest] = replies;
  if (!first) return;
  if (interaction.deferred) await interaction.editReply({ ...first, allowedMentions: NO_MENTIONS });
  else await interaction.reply({ ...first, allowedMentions: NO_MENTIONS, ...flags });
  for (const reply of rest) await interaction.followUp({ ...reply, allowedMentions: NO_MENTIONS, ...flags });
}

async function apologize(interaction: ChatInputCommandInteraction): Promise<void> {
  const apology = { content: DISCORD_MESSAGES.apology, embeds: [], allowedMentions: NO_MENTIONS };
  if (interaction.deferred && !interaction.replied) await interaction.editReply(apology);
  else if (interaction.replied) await interaction.followUp({ ...apology, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...apology, flags: MessageFlags.Ephemeral });
}
