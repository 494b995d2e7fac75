import { EXAMPLE_QUESTIONS } from '../answer/index.js';

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
  examples: EXAMPLE_QUESTIONS,
  /** The citation's paragraph part. */
  paragraph: (n: number) => `paragraph ${n}`,
  /** The citation's page part, for a paged source (a PDF); it takes the paragraph's place. */
  page: (n: number) => `p. ${n}`,
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
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  restarting: 'research-bot is restarting; please ask again in a minute.',
});

/** Words that ask for usage help instead of an answer (compared case-insensitively, trimmed). */
export const HELP_WORDS: readonly string[] = Object.freeze(['help', '?', 'usage']);
