/**
 * The Discord adapter: a discord.js client that answers @mentions, DMs and /research with
 * verbatim quotes and citations, rendered as embeds within Discord's limits.
 */
export { createDiscordAdapter, type DiscordDeps } from './adapter.js';
export { registerCommands, researchCommand } from './commands.js';
export { escapeDiscord, unescapeDiscord } from './escape.js';
export { DEFER_AFTER_MS } from './handlers/interaction.js';
export { DISCORD_LIMITS } from './limits.js';
export { DISCORD_MESSAGES } from './messages.js';
export { COMMAND_NAME, DISCORD_DEFAULTS, type DiscordOptions, QUESTION_OPTION } from './options.js';
export { mentionsBot, questionFromMessage } from './question.js';
export { type DiscordReply, renderCitation, renderDiscordAnswer, renderUsage } from './render.js';
