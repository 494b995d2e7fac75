import { type ChatInputCommandInteraction, type Interaction, MessageFlags } from 'discord.js';
import type { ChatReply } from '../../chat/index.js';
import { memberRoles } from '../files.js';
import { COMMAND_NAME, EPHEMERAL_OPTION, QUESTION_OPTION } from '../options.js';
import type { DiscordReply } from '../render.js';
import { isPrivateReply, renderDiscordReply } from '../render-reply.js';
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
  if (!context.listening()) return;
  const ephemeral = interaction.options.getBoolean(EPHEMERAL_OPTION) ?? false;
  await context.chat.receive(
    {
      kind: 'slash_command',
      user: interaction.user.id,
      channel: interaction.channelId,
      text: interaction.options.getString(QUESTION_OPTION) ?? '',
      roles: memberRoles(interaction.member),
      where: { guild: interaction.guildId ?? undefined },
    },
    {
      say: async (reply) => {
        await respond(interaction, reply, context.maxExcerpts, ephemeral);
        return undefined;
      },
      working: async () => {
        if (Date.now() - interaction.createdTimestamp > DEFER_AFTER_MS)
          await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      },
    },
  );
}

/**
 * The first message is the interaction's reply (or fills the deferred one); the rest follow up.
 * An apology goes wherever the interaction still accepts one, privately.
 */
async function respond(
  interaction: ChatInputCommandInteraction,
  reply: ChatReply,
  maxExcerpts: number,
  ephemeral: boolean,
): Promise<void> {
  const replies: DiscordReply[] = renderDiscordReply(reply, maxExcerpts);
  const [first, ...rest] = replies;
  if (!first) return;
  const flags =
    ephemeral || isPrivateReply(reply) || reply.kind === 'apology'
      ? { flags: MessageFlags.Ephemeral as const }
      : {};
  if (reply.kind === 'apology' && interaction.replied) {
    await interaction.followUp({ ...first, allowedMentions: NO_MENTIONS, ...flags });
    return;
  }
  if (interaction.deferred) await interaction.editReply({ ...first, allowedMentions: NO_MENTIONS });
  else await interaction.reply({ ...first, allowedMentions: NO_MENTIONS, ...flags });
  for (const next of rest) await interaction.followUp({ ...next, allowedMentions: NO_MENTIONS, ...flags });
}
