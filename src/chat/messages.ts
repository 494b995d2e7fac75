/** Every sentence the conversation says on every platform, in one place; adapters render them as given. */
export const CHAT_MESSAGES = Object.freeze({
  /** When answering failed (the failure is logged). */
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  /** To a message that arrives while the bot shuts down. */
  restarting: 'research-bot is restarting; please ask again in a minute.',
  /** To someone over the rate limit. */
  rateLimited: (seconds: number) =>
    `You're asking faster than I can cite. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and ask again.`,
  /** Under an answer that used the earlier question's topic. */
  followUp: (topic: string) => `Taking '${topic}' from earlier.`,
  /** Under an answer restricted to some sources. */
  onlyFrom: (names: string, since: string | null) =>
    since ? `Only from ${names}, dated ${since} or later.` : `Only from ${names}.`,
  /** Under an answer restricted by date only. */
  onlySince: (since: string) => `Only from sources dated ${since} or later.`,
  /** When the filters leave no source. */
  noSourceMatches: (filters: string) =>
    `No source matches ${filters}. Ask "sources" to see every source with its publisher and date, then write e.g. from:"publisher name" or since:2017.`,
  /** When a filter cannot be read. */
  invalidFilter: (written: string) =>
    `I could not read ${written}: write since:2017, since:2017-06 or since:2017-06-15, and from:name or from:"two words".`,
  /** A channel's configured source set matched nothing in the knowledge base. */
  channelHasNoSources:
    'This channel is tied to sources that are not in the knowledge base (check CHANNEL_SOURCES).',
  /** "The 74, The Hechinger Report and 3 more". */
  names: (names: readonly string[], more: number) =>
    more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', '),
});
