import { REST, Routes, SlashCommandBuilder } from 'discord.js';
import type { Logger } from '../log/logger.js';
import { DISCORD_MESSAGES } from './messages.js';
import { COMMAND_NAME, type DiscordOptions, EPHEMERAL_OPTION, QUESTION_OPTION } from './options.js';

/** The /research application command: a required question and an optional "only me" flag. */
export function researchCommand() {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription(DISCORD_MESSAGES.commandDescription)
    .addStringOption((option) =>
      option
        .setName(QUESTION_OPTION)
        .setDescription(DISCORD_MESSAGES.questionDescription)
        .setRequired(true)
        .setMaxLength(1000),
    )
    .addBooleanOption((option) =>
      option.setName(EPHEMERAL_OPTION).setDescription(DISCORD_MESSAGES.ephemeralDescription),
    );
}

/**
 * Registers /research: in one server when `guildId` is set (appears at once), otherwise
 * globally (may take up to an hour to appear). Returns where it was registered.
 */
export async function registerCommands(options: DiscordOptions, logger: Logger): Promise<string> {
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(
    options.token,
  );
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = [researchCommand().toJSON()];
  const where = options.guildId ? `server ${options.guildId}` : 'all servers (global)';
  await rest.put(
    options.guildId
      ? Routes.applicationGuildCommands(application.id, options.guildId)
      : Routes.applicationCommands(application.id),
    { body },
  );
  logger.info({ application: application.id, where }, 'registered /research');
  return where;
}
