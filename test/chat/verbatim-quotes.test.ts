import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, type Answer, type Excerpt } from '../../src/answer/index.js';
import { renderDiscordAnswer, unescapeDiscord } from '../../src/discord/index.js';
import { renderSlackAnswer } from '../../src/slack/index.js';
import { arbitraryAnswer as discordAnswer } from '../helpers/discord-text.js';
import { quotesIn } from '../helpers/slack-blocks.js';
import { answerArb as slackAnswer } from '../helpers/slack-text.js';

/** An answer with text hostile to either platform, sure or uncertain (both show their excerpts). */
const anyAnswer: fc.Arbitrary<Answer> = fc.oneof(
  slackAnswer,
  discordAnswer,
  discordAnswer
    .filter((answer) => answer.excerpts.length > 0)
    .map((answer) => ({
      ...answer,
      answered: false,
      status: 'uncertain' as const,
      message: ANSWER_MESSAGES.uncertain,
    })),
);

/** The excerpts a platform shows: those of a sure or an uncertain answer, up to its maximum. */
function shownExcerpts(answer: Answer, max: number): Excerpt[] {
  return answer.answered || answer.status === 'uncertain' ? answer.excerpts.slice(0, max) : [];
}

/** The quote as a reader should see it: "…" where the paragraph was cut. */
function marked(excerpt: Excerpt, quote = excerpt.quote): string {
  return `${excerpt.cutBefore ? '…' : ''}${quote}${excerpt.cutAfter ? '…' : ''}`;
}

/** The quote of a Discord embed, block-quote marks and citation removed, unescaped. */
function discordQuote(description: string): string {
  const unescaped = unescapeDiscord(description);
  return unescaped
    .slice(0, unescaped.lastIndexOf('\n— '))
    .split('\n')
    .map((line) => line.replace(/^> /, ''))
    .join('\n');
}

describe('quotes, on every platform', () => {
  it('are shown verbatim, in order, one per excerpt shown: whole on Slack, cut only to fit with "…" on Discord', () => {
    fc.assert(
      fc.property(anyAnswer, fc.integer({ min: 1, max: 10 }), (answer, max) => {
        const slack = renderSlackAnswer(answer, {
          askedBy: 'U0ASKER',
          command: '/research',
          maxExcerpts: max,
        });
        expect(quotesIn(slack)).toEqual(shownExcerpts(answer, max).map((excerpt) => marked(excerpt)));

        const embeds = renderDiscordAnswer(answer, { maxExcerpts: max }).flatMap((reply) => reply.embeds);
        const shown = shownExcerpts(answer, max);
        expect(embeds).toHaveLength(shown.length);
        shown.forEach((excerpt, at) => {
          const quoted = discordQuote(embeds[at]?.description ?? '');
          // Discord drops zero-width spaces, the quote's outer whitespace and CRs of CRLF line ends.
          const expected = marked(excerpt, excerpt.quote.trim().replace(/\r\n/g, '\n')).replaceAll(
            '\u200b',
            '',
          );
          if (quoted.endsWith('…') && quoted.length < expected.length) {
            expect(expected.startsWith(quoted.slice(0, -1))).toBe(true);
          } else {
            expect(quoted).toBe(expected);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
