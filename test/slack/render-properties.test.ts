import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Excerpt } from '../../src/answer/index.js';
import { renderSlackAnswer, SLACK_LIMITS } from '../../src/slack/index.js';
import { allText, blockTexts, quotesIn, slackTokens, unescapeMrkdwn } from '../helpers/slack-blocks.js';

/** Text likely to hit the edge cases: Slack's control characters, mentions, newlines, emoji. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom('&', '<', '>', '!', '@', '|', '\n', ' ', 'a', '*', '👍', 'é'),
    maxLength: 4000,
  }),
  fc
    .array(
      fc.constantFrom(
        '<!channel>',
        '<!here>',
        '<@U123ABC>',
        '<https://evil.example|x>',
        '&amp;',
        'word',
        ' ',
        '\n',
      ),
      {
        maxLength: 600,
      },
    )
    .map((parts) => parts.join('')),
);

const excerptArb: fc.Arbitrary<Excerpt> = fc.record({
  quote: nastyText.filter((q) => q.length > 0),
  cutBefore: fc.boolean(),
  cutAfter: fc.boolean(),
  source: fc.record({
    id: fc.string({ minLength: 1, maxLength: 40 }),
    title: nastyText,
    untitled: fc.boolean(),
    publisher: nastyText,
    author: fc.option(nastyText, { nil: null }),
    date: fc.option(fc.oneof(fc.constant('2017-07-11'), nastyText), { nil: null }),
    url: fc.option(
      fc.oneof(
        fc.webUrl(),
        nastyText.map((t) => `https://example.org/${t}`),
        nastyText,
      ),
      { nil: null },
    ),
  }),
  location: fc.record({ paragraph: fc.nat(10_000), start: fc.nat(), end: fc.nat() }),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
});

const answerArb: fc.Arbitrary<Answer> = fc
  .record({
    question: nastyText,
    status: fc.constantFrom('answered', 'not_covered') as fc.Arbitrary<Answer['status']>,
    message: nastyText,
    note: fc.option(nastyText, { nil: undefined }),
    excerpts: fc.array(excerptArb, { maxLength: 8 }),
    suggestions: fc.array(nastyText, { maxLength: 6 }),
  })
  .map((a) => ({ ...a, answered: a.status === 'answered' && a.excerpts.length > 0 }));

/** Tokens the renderer is allowed to create: the asker's mention and links to http(s) sources. */
function isIntendedToken(token: string): boolean {
  return token === '<@U0ASKER>' || /^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(token);
}

describe('slack answer rendering, for arbitrary source and question text', () => {
  it('never lets text form a ping or a link of its own', () => {
    fc.assert(
      fc.property(answerArb, (answer) => {
        const messages = renderSlackAnswer(answer, {
          askedBy: 'U0ASKER',
          command: '/research',
          maxExcerpts: 8,
        });
        const text = allText(messages);
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
          const messages = renderSlackAnswer(answer, {
            askedBy: 'U0ASKER',
            command: '/research',
            maxExcerpts: 8,
            maxMessages,
          });
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

  it('quotes every excerpt verbatim', () => {
    fc.assert(
      fc.property(answerArb, (answer) => {
        const messages = renderSlackAnswer(answer, {
          askedBy: 'U0ASKER',
          command: '/research',
          maxExcerpts: 8,
        });
        const expected = answer.status === 'answered' ? answer.excerpts : [];
        expect(quotesIn(messages)).toEqual(
          expected.map((e) => `${e.cutBefore ? '…' : ''}${e.quote}${e.cutAfter ? '…' : ''}`),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('restates the question readably (escaped, unescaping gives it back)', () => {
    fc.assert(
      fc.property(nastyText, (question) => {
        const [first] = renderSlackAnswer(
          { question, answered: false, status: 'not_covered', message: 'm', excerpts: [], suggestions: [] },
          { askedBy: 'U0ASKER', command: '/research', maxExcerpts: 5 },
        );
        const restated = unescapeMrkdwn(blockTexts(first?.blocks ?? [])[0] ?? '');
        const shown = restated.replace('*<@U0ASKER> asked:* ', '');
        expect(question.startsWith(shown.replace(/…$/, ''))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
