/**
 * What the Discord adapter needs, already read and validated by `src/config` (nothing in
 * `src/discord` reads the environment).
 */
export interface DiscordOptions {
  /**
   * Bot token (DISCORD_TOKEN): Developer Portal → your application → Bot → Reset Token. Required
   * and non-empty. Sent only as the REST `Authorization` header and in the gateway IDENTIFY;
   * never logged.
   */
  token: string;
  /**
   * REST base URL (DISCORD_API_URL), e.g. a REST proxy, or a local fake in tests
   * (`http://127.0.0.1:PORT/api`; discord.js appends `/v10/…`). The gateway address is fetched
   * through it too (`GET /v10/gateway/bot`). Default: Discord's own, `https://discord.com/api`.
   */
  apiUrl?: string;
  /**
   * Server id (DISCORD_GUILD_ID) that `registerCommands` registers /research in, where it appears
   * at once. Absent: registered globally, which can take up to an hour to appear. The running
   * bot does not use it: it answers in every server it is in.
   */
  guildId?: string;
  /**
   * Questions one user may ask in any sliding window of `windowMs`, counted across mentions, DMs
   * and /research (help included). Further ones get a notice saying how many seconds to wait.
   * Default 5 per 10 000 ms (`DISCORD_DEFAULTS.rateLimit`). `max` and `windowMs` must be ≥ 1.
   */
  rateLimit?: { max: number; windowMs: number };
  /** At most this many excerpts per answer, ≥ 1. Default 3; the engine may return fewer. */
  maxExcerpts?: number;
}

/** Defaults for the optional options. */
export const DISCORD_DEFAULTS = Object.freeze({
  rateLimit: Object.freeze({ max: 5, windowMs: 10_000 }),
  maxExcerpts: 3,
});

/** The slash command's name and its options. */
export const COMMAND_NAME = 'research';
export const QUESTION_OPTION = 'question';
export const EPHEMERAL_OPTION = 'ephemeral';

/**
 * The options with defaults filled in; throws an Error naming the bad option and how to fix it.
 */
export function resolveDiscordOptions(
  options: DiscordOptions,
): Required<Omit<DiscordOptions, 'apiUrl' | 'guildId'>> & Pick<DiscordOptions, 'apiUrl' | 'guildId'> {
  if (!options.token?.trim())
    throw new Error(
      'DISCORD_TOKEN is empty: copy the bot token from the Developer Portal → Bot → Reset Token.',
    );
  const rateLimit = options.rateLimit ?? DISCORD_DEFAULTS.rateLimit;
  if (!(Number.isInteger(rateLimit.max) && rateLimit.max >= 1 && rateLimit.windowMs >= 1))
    throw new Error(
      `Discord rate limit must allow at least 1 question per window of at least 1 ms (got ${rateLimit.max} per ${rateLimit.windowMs} ms).`,
    );
  const maxExcerpts = options.maxExcerpts ?? DISCORD_DEFAULTS.maxExcerpts;
  if (!(Number.isInteger(maxExcerpts) && maxExcerpts >= 1))
    throw new Error(`maxExcerpts must be a whole number ≥ 1 (got ${maxExcerpts}).`);
  return { ...options, rateLimit, maxExcerpts };
}
