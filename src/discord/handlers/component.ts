import { type ButtonInteraction, MessageFlags, type StringSelectMenuInteraction } from 'discord.js';
import { clip } from '../../chat/clip.js';
import { CITATION_STYLE_NAMES, CITATION_STYLES, formatCitation } from '../../cite/index.js';
import { citationTitle } from '../../knowledge/citation.js';
import { escapeDiscord } from '../escape.js';
import { memberRoles } from '../files.js';
import { DISCORD_LIMITS } from '../limits.js';
import { COMPONENT_IDS, DISCORD_MESSAGES } from '../messages.js';
import { citedSourceId } from '../render.js';
import { renderDiscordReply } from '../render-reply.js';
import { type HandlerContext, NO_MENTIONS } from './context.js';

/**
 * Clicks on an answer's components: the cite menu (answered privately with the excerpt's source
 * in APA, MLA and Chicago) and the 👍/👎 buttons (stored, thanked privately). Anything else, or
 * anything malformed, is ignored; errors are logged and never reach the process.
 */
export async function handleComponent(
  interaction: StringSelectMenuInteraction | ButtonInteraction,
  context: HandlerContext,
): Promise<void> {
  if (!context.listening() || context.chat.closing) return;
  if (interaction.isButton() && interaction.customId.startsWith(`${COMPONENT_IDS.remove}:`)) {
    await removeSource(interaction, context);
    return;
  }
  await context.chat.act(
    { kind: 'component', channel: interaction.channelId, guild: interaction.guildId ?? undefined },
    async () => {
      if (interaction.isStringSelectMenu() && interaction.customId === COMPONENT_IDS.cite) {
        await replyWithCitations(interaction, context);
      } else if (interaction.isButton() && interaction.customId.startsWith(`${COMPONENT_IDS.vote}:`)) {
        await recordVote(interaction, context);
      }
    },
    // A click gets no apology: the answer it was on is still there to click again.
    async () => undefined,
  );
}

/**
 * The Remove button under a source a curator added: removes it like `remove <id>` (curators
 * only). The outcome replaces the message the button was on; a refusal is shown only to the one
 * who clicked.
 */
async function removeSource(interaction: ButtonInteraction, context: HandlerContext): Promise<void> {
  const id = interaction.customId.slice(COMPONENT_IDS.remove.length + 1);
  await context.chat.receive(
    {
      kind: 'remove_button',
      user: interaction.user.id,
      channel: interaction.channelId,
      roles: memberRoles(interaction.member),
      text: `remove ${id}`,
      where: { guild: interaction.guildId ?? undefined },
    },
    {
      say: async (reply) => {
        const [message] = renderDiscordReply(reply, context.maxExcerpts);
        if (!message) return undefined;
        if (reply.kind === 'curated')
          await interaction.update({ ...message, components: [], allowedMentions: NO_MENTIONS });
        else
          await interaction.reply({
            ...message,
            flags: MessageFlags.Ephemeral,
            allowedMentions: NO_MENTIONS,
          });
        return undefined;
      },
    },
  );
}

async function replyWithCitations(interaction: StringSelectMenuInteraction, context: HandlerContext) {
  const sourceId = citedSourceId(interaction.values[0] ?? '');
  const document = context.chat.document(sourceId);
  context.logger.info({ source: sourceId, channel: interaction.channelId }, 'discord: cite');
  // Formatting is quick once warm, but the first citation loads the CSL styles: defer, privately.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (!document) {
    await interaction.editReply({ content: DISCORD_MESSAGES.citeGone, allowedMentions: NO_MENTIONS });
    return;
  }
  const lines = [DISCORD_MESSAGES.citationsOf(escapeDiscord(clip(citationTitle(document.meta), 200)))];
  for (const style of CITATION_STYLES) {
    // Inside a code block nothing is formatted, so the citation copies exactly as CSL wrote it.
    const text = clip(formatCitation(document.meta, style), 550).replace(/`/g, 'ˋ');
    lines.push(`${CITATION_STYLE_NAMES[style]}\n\`\`\`\n${text}\n\`\`\``);
  }
  await interaction.editReply({
    content: clip(lines.join('\n'), DISCORD_LIMITS.content),
    allowedMentions: NO_MENTIONS,
  });
}

async function recordVote(interaction: ButtonInteraction, context: HandlerContext) {
  const [, vote, answerId] = interaction.customId.split(':');
  if (vote !== 'up' && vote !== 'down') return;
  context.chat.vote({ user: interaction.user.id, channel: interaction.channelId, vote, answerId });
  await interaction.reply({
    content: DISCORD_MESSAGES.voteThanks(vote),
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
