/** What the Discord adapter needs, already read from the environment by `src/config`. */
export interface DiscordOptions {
  /** Bot token (DISCORD_TOKEN). Never logged. */
  token: string;
  /**
   * REST base URL (DISCORD_API_URL), e.g. a REST proxy, or a local fake in tests
   * (`http://127.0.0.1:PORT/api`; discord.js appends `/v10/…`). Default: Discord's own.
   */
  apiUrl?: string;
  /** Server id (DISCORD_GUILD_ID) to register /research in; global registration when absent. */
  guildId?: string;
  /** Questions one user may ask per window; further ones get a friendly notice. Default 5 per 10 s. */
  rateLimit?: { max: number; windowMs: number };
  /** At most this many excerpts per answer. Default 3; the engine may return fewer. */
  maxExcerpts?: number;
}

export const DISCORD_DEFAULTS = Object.freeze({
  rateLimit: Object.freeze({ max: 5, windowMs: 10_000 }),
  maxExcerpts: 3,
});

/** The slash command's name and its option. */
export const COMMAND_NAME = 'research';
export const QUESTION_OPTION = 'question';
export const EPHEMERAL_OPTION = 'ephemeral';
