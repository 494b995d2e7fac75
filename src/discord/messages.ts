import { ANSWER_MESSAGES, EXAMPLE_QUESTIONS } from '../answer/index.js';
import { CHAT_MESSAGES } from '../chat/index.js';

/** Every sentence the Discord adapter says, in one place; tests assert against these. */
export const DISCORD_MESSAGES = Object.freeze({
  usage: [
    '**Ask me a research question** and I answer with exact quotes from the sources, each with its citation.',
    'Mention me with your question, send me a DM, or use `/research question:…`. For example:',
    ...EXAMPLE_QUESTIONS.map((question) => `• ${question}`),
    'More: `sources` lists the sources; `from:the74` or `from:"Hechinger Report"` and `since:2017` ask only some of them; reply to an answer (mentioning me) with a follow-up like `and for reading?`.',
  ].join('\n'),
  notCovered: "The sources don't cover that.",
  uncertain: ANSWER_MESSAGES.uncertain,
  theyCover: 'They cover:',
  rateLimited: CHAT_MESSAGES.rateLimited,
  apology: CHAT_MESSAGES.apology,
  restarting: CHAT_MESSAGES.restarting,
  curationDisabled: CHAT_MESSAGES.curationDisabled,
  notCurator: CHAT_MESSAGES.notCurator,
  curationUsage: CHAT_MESSAGES.curationUsage,
  removeButton: CHAT_MESSAGES.removeButton,
  asked: 'Q:',
  continued: '(continued)',
  commandDescription: 'Answer a research question with exact quotes and citations from the sources',
  questionDescription: `Your question, e.g. ${EXAMPLE_QUESTIONS[0]}`,
  ephemeralDescription: 'Show the answer only to you (default: everyone in the channel sees it)',
  /** The cite menu under the quotes. */
  citePlaceholder: 'Cite an excerpt (APA, MLA, Chicago)…',
  citeOption: (position: number, title: string) => `${position}. ${title}`,
  citeOptionDescription: 'APA, MLA and Chicago, ready to copy',
  /** The reply to a cite choice (only the one who chose sees it). Title comes escaped. */
  citationsOf: (title: string) => `**Citations of ${title}**`,
  citeGone: 'That source is no longer in the knowledge base, so it cannot be cited.',
  voteUp: 'Helpful',
  voteDown: 'Not helpful',
  voteThanks: (vote: 'up' | 'down') =>
    vote === 'up'
      ? '👍 Thanks for the feedback!'
      : '👎 Thanks for the feedback! We will look at this answer.',
  sourcesTitle: (first: number, last: number, total: number, page: number, pages: number) =>
    `**Sources** (${first}–${last} of ${total.toLocaleString('en-US')}${pages > 1 ? `, page ${page} of ${pages}` : ''})`,
  sourcesEmpty: 'The knowledge base has no sources yet.',
  passages: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'passage' : 'passages'}`,
  sourcesNext: (page: number) =>
    `More: \`@research-bot sources ${page}\` or \`/research question:sources ${page}\``,
});

/** custom_id of the cite menu, and the prefix of the vote buttons' (`research_vote:up:<answer id>`). */
export const COMPONENT_IDS = Object.freeze({
  cite: 'research_cite',
  vote: 'research_vote',
  /** Prefix of an added source's Remove button: `research_remove:<source id>`. */
  remove: 'research_remove',
});
