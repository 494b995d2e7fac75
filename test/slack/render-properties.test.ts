import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/index.js';
import { type RenderAnswerOptions, renderSlackAnswer, SLACK_LIMITS } from '../../src/slack/index.js';
import { allText, blockTexts, slackTokens, unescapeMrkdwn } from '../helpers/slack-blocks.js';
import { answerArb, nastyText } from '../helpers/slack-text.js';

/** Tokens the renderer is allowed to create: the asker's mention and links to http(s) sources. */
function isIntendedToken(token: string): boolean {
  return token === '<@U0ASKER>' || /^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(token);
}

/** Renders as the bot does for one asker, showing up to eight excerpts. */
function render(answer: Answer, options: Partial<RenderAnswerOptions> = {}) {
  return renderSlackAnswer(answer, { askedBy: 'U0ASKER', command: '/research', maxExcerpts: 8, ...options });
}

describe('slack answer rendering, for arbitrary source and question text', () => {
  it('never lets text form a ping or a link of its own', () => {
    fc.assert(
      fc.property(answerArb, (answer) => {
        const text = allText(render(answer));
        for (const token of slackTokens(text)) expect(isIntendedToken(token), token).toBe(true);
        expect(text).not.toMatch(/<!(channel|here|everyone)/);
        // Once intended tokens and blockquote marks are removed, no bare angle bracket is left.
        const rest = slackTokens(text).reduce((t, token) => t.replace(token, ''), text);
        expect(rest.replace(/^> /gm, '')).not.toMatch(/[<>]/);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within 50 blocks per message, 3,000 characters per text and the message count asked for', () => {
    fc.assert(
      fc.property(
        answerArb,
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        (answer, maxMessages) => {
          const messages = render(answer, { maxMessages });
          expect(messages.length).toBeGreaterThan(0);
          expect(messages.length).toBeLessThanOrEqual(maxMessages ?? Number.POSITIVE_INFINITY);
          expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
          for (const message of messages) {
            expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
            for (const text of blockTexts(message.blocks))
              expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
            expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText + 40);
            for (const block of message.blocks) {
              if (block.type === 'actions') {
                for (const el of block.elements) {
                  if ('value' in el && el.value)
                    expect(el.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
                }
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restates the question readably (escaped, unescaping gives it back)', () => {
    fc.assert(
      fc.property(nastyText, (question) => {
        const [first] = render({
          question,
          answered: false,
          status: 'not_covered',
          message: 'm',
          excerpts: [],
          suggestions: [],
        });
        const restated = unescapeMrkdwn(blockTexts(first?.blocks ?? [])[0] ?? '');
        const shown = restated.replace('*<@U0ASKER> asked:* ', '');
        expect(question.startsWith(shown.replace(/…$/, ''))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
