/** Every sentence the conversation says on every platform, in one place; adapters render them as given. */
export const CHAT_MESSAGES = Object.freeze({
  /** When answering failed (the failure is logged). */
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  /** To a message that arrives while the bot shuts down. */
  restarting: 'research-bot is restarting; please ask again in a minute.',
  /** `add` or `remove` while CURATORS is unset. */
  curationDisabled:
    'Adding and removing sources from the chat is turned off. An operator can turn it on by setting CURATORS to the user ids (or Discord role ids) allowed to do it, e.g. CURATORS=U0123ABCD, and restarting the bot.',
  /** `add` or `remove` by someone who is not a curator. */
  notCurator: 'Sorry, only curators can add or remove sources. Ask a curator to add it for you.',
  /** `add` with neither an address nor a file. */
  curationUsage:
    'To add a source, write add followed by its address (add https://example.org/report.html), or attach a PDF, HTML, Markdown or text file to your message. To remove one, write remove and its id (ids are in the sources list).',
  /** One source added: fields come escaped for the platform; `details` joins author, publisher, date. */
  added: (title: string, id: string, details: string) =>
    `Added ${title}${details ? ` (${details})` : ''}, source id ${id}.`,
  /** What was read of an added source. */
  addedSize: (pages: number | null, paragraphs: number) =>
    `${pages ? `${pages.toLocaleString('en-US')} ${pages === 1 ? 'page' : 'pages'}, ` : ''}${paragraphs.toLocaleString('en-US')} quotable ${paragraphs === 1 ? 'paragraph' : 'paragraphs'}; questions are answered from it within a few seconds.`,
  /** One source removed. */
  removed: (title: string, id: string) => `Removed ${title}, source id ${id}; it is no longer quoted.`,
  /** One input that could not be added or removed; `reason` names it and says why. */
  curationFailed: (reason: string) => `Not done: ${reason}`,
  /** A source without a title, in curation replies. */
  untitled: 'an untitled source',
  /** The label of the button that removes an added source. */
  removeButton: 'Remove',
  /** Who added a source from the chat (`slack:U0123ABCD`), and when, in the sources list. */
  addedBy: (who: string, at: string) => {
    const [platform = '', user = who] = who.split(':', 2);
    const name = platform === 'slack' ? 'Slack' : platform === 'discord' ? 'Discord' : platform;
    return `added by ${user}${name ? ` (${name})` : ''} on ${at.slice(0, 10)}`;
  },
  /** The id a source is removed by, in the sources list. */
  sourceId: (id: string) => `id ${id}`,
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
