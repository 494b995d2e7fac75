import fc from 'fast-check';
import type { Answer, Excerpt } from '../../src/answer/index.js';

/** Text likely to hit Slack's edge cases: its control characters, mentions, newlines, emoji. */
export const nastyText = fc.oneof(
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

export const excerptArb: fc.Arbitrary<Excerpt> = fc.record({
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

export const answerArb: fc.Arbitrary<Answer> = fc
  .record({
    question: nastyText,
    status: fc.constantFrom('answered', 'not_covered') as fc.Arbitrary<Answer['status']>,
    message: nastyText,
    note: fc.option(nastyText, { nil: undefined }),
    excerpts: fc.array(excerptArb, { maxLength: 8 }),
    suggestions: fc.array(nastyText, { maxLength: 6 }),
  })
  .map((a) => ({ ...a, answered: a.status === 'answered' && a.excerpts.length > 0 }));
