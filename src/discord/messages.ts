import { EXAMPLE_QUESTIONS } from '../answer/index.js';

/** Every sentence the Discord adapter says, in one place; tests assert against these. */
export const DISCORD_MESSAGES = Object.freeze({
  usage: [
    '**Ask me a research question** and I answer with exact quotes from the sources, each with its citation.',
    'Mention me with your question, send me a DM, or use `/research question:…`. For example:',
    ...EXAMPLE_QUESTIONS.map((question) => `• ${question}`),
  ].join('\n'),
  notCovered: "The sources don't cover that.",
  theyCover: 'They cover:',
  rateLimited: (seconds: number) =>
    `You're asking faster than I can cite. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and ask again.`,
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  restarting: 'research-bot is restarting; please ask again in a minute.',
  asked: 'Q:',
  paragraph: (number: number) => `paragraph ${number}`,
  /** For a paged source (a PDF), in the paragraph's place. */
  page: (number: number) => `p. ${number}`,
  continued: '(continued)',
  commandDescription: 'Answer a research question with exact quotes and citations from the sources',
  questionDescription: `Your question, e.g. ${EXAMPLE_QUESTIONS[0]}`,
  ephemeralDescription: 'Show the answer only to you (default: everyone in the channel sees it)',
});

/** Messages that only ask for help. */
export const HELP_WORDS: ReadonlySet<string> = new Set(['help', '?', 'usage']);
