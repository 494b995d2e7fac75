import { EXAMPLE_QUESTIONS } from '../answer/index.js';
import { CHAT_MESSAGES } from '../chat/index.js';

/**
 * Every word the Slack adapter shows a user, in one place. Functions take text that is already
 * escaped for mrkdwn (see `escapeMrkdwn`); they never escape on their own.
 */
export const SLACK_MESSAGES = Object.freeze({
  /** Restates the question above the answer, since slash-command text is not shown to others. */
  asked: (userMention: string, question: string) => `*${userMention} asked:* ${question}`,
  /** When the asker is unknown (should not happen; kept so rendering never fails). */
  askedAnonymously: (question: string) => `*Question:* ${question}`,
  /** Notification text for a message whose content lives in blocks. */
  fallback: (question: string) => `Research answer: ${question}`,
  usageFallback: 'How to ask research-bot',
  usageTitle: '*Ask research-bot a research question* — it answers with verbatim quotes and citations.',
  usageWays: (command: string) =>
    `• \`${command} your question\` in any channel\n• mention the bot in a channel: \`@research-bot your question\` (it answers in a thread)\n• or send it a direct message`,
  usageExamplesTitle: '*Try:*',
  usageExample: (command: string, question: string) => `• \`${command} ${question}\``,
  usageMore: (command: string) =>
    `*More:* \`${command} sources\` lists the sources; \`from:the74\` or \`from:"Hechinger Report"\` and \`since:2017\` in a question ask only some of them; in a thread, a follow-up like \`and for reading?\` builds on the question before.`,
  examples: EXAMPLE_QUESTIONS,
  /** Leads the citation line under each quote. */
  citationPrefix: '—',
  /** Shown when a quote had to be split over several blocks. */
  continued: '(continued)',
  /** Under the abstention message when there are no topics to list. */
  notCoveredHint: (command: string) => `Try \`${command} help\` for example questions.`,
  /** When an answer was longer than Slack lets us send, and its end was left out. */
  leftOut:
    '_The rest of this answer was too long for Slack and was left out; ask a narrower question to see more._',
  footer: 'Verbatim quotes from the research-bot knowledge base; check the linked source before you cite it.',
  feedbackUp: '👍 Helpful',
  feedbackDown: '👎 Not helpful',
  feedbackThanks: (vote: 'up' | 'down') =>
    vote === 'up'
      ? '👍 Thanks for the feedback!'
      : '👎 Thanks for the feedback! We will look at this answer.',
  shareInChannel: 'Share in channel',
  apology: CHAT_MESSAGES.apology,
  restarting: CHAT_MESSAGES.restarting,
  rateLimited: CHAT_MESSAGES.rateLimited,
  curationDisabled: CHAT_MESSAGES.curationDisabled,
  notCurator: CHAT_MESSAGES.notCurator,
  curationUsage: CHAT_MESSAGES.curationUsage,
  removeButton: CHAT_MESSAGES.removeButton,
  /** The cite menu under each quote. */
  citePlaceholder: 'Cite as…',
  /** Above a citation the asker picked (only they see it). Style and title come escaped. */
  citationOf: (style: string, title: string) => `*${style}* citation of _${title}_ (copy it from the box):`,
  /** When the cited source left the knowledge base since the answer. */
  citeGone: 'That source is no longer in the knowledge base, so it cannot be cited.',
  /** Heading of the sources list. */
  sourcesTitle: (first: number, last: number, total: number, page: number, pages: number) =>
    `*Sources* (${first}–${last} of ${total.toLocaleString('en-US')}${pages > 1 ? `, page ${page} of ${pages}` : ''})`,
  sourcesFallback: 'The sources research-bot answers from',
  sourcesEmpty: 'The knowledge base has no sources yet.',
  /** "12 passages". */
  passages: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'passage' : 'passages'}`,
  /** Under a page of the sources list when there are more pages. */
  sourcesNext: (hint: string) => `More: \`${hint}\``,
  sourcesHintCommand: (command: string, page: number) => `${command} sources ${page}`,
  sourcesHintMention: (page: number) => `@research-bot sources ${page}`,
  sourcesHintDirect: (page: number) => `sources ${page}`,
});
