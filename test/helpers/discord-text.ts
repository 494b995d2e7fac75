import fc from 'fast-check';
import type { Answer, Excerpt } from '../../src/answer/index.js';

/** Anything that would ping or render as a mention, a channel link, a command or an emoji. */
export const PING = /@(everyone|here)|<(@[!&]?|#)\d+>|<\/\w|<a?:\w+:\d+>|<t:\d+/;

const MARKDOWN_CHARACTERS = new Set('\\*_~`|>#[]()-.');

/** Matches text holding a Markdown character that is not backslash-escaped. */
export const UNESCAPED_MARKDOWN = {
  [Symbol.match](text: string): RegExpMatchArray | null {
    for (let at = 0; at < text.length; at++) {
      const character = text[at] as string;
      if (character === '\\') {
        at++;
        continue;
      }
      if (MARKDOWN_CHARACTERS.has(character)) {
        const match = [character] as RegExpMatchArray;
        match.index = at;
        return match;
      }
    }
    return null;
  },
} as unknown as RegExp;

/** Text likely to hit the edge cases: Markdown, mentions, links, newlines, emoji, surrogates. */
export const discordText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(
      '*',
      '_',
      '~',
      '`',
      '|',
      '>',
      '#',
      '[',
      ']',
      '(',
      ')',
      '-',
      '.',
      '\\',
      '@',
      '<',
      ' ',
      '\n',
      'a',
      '👍',
      'é',
      '\u200b',
    ),
    maxLength: 600,
  }),
  fc
    .array(
      fc.constantFrom(
        '@everyone',
        '@here',
        '<@123456789012345678>',
        '<@!123456789012345678>',
        '<@&234567890123456789>',
        '<#345678901234567890>',
        '</research:1>',
        '<:smile:123>',
        '<t:1700000000:R>',
        '[x](https://evil.example)',
        '**',
        '||',
        '# ',
        '-# ',
        '> ',
        '```',
        'word',
        ' ',
        '\n',
      ),
      { maxLength: 200 },
    )
    .map((parts) => parts.join('')),
);

/** Any excerpt, with quotes and titles from `discordText` or long enough to need cutting. */
export const arbitraryExcerpt: fc.Arbitrary<Excerpt> = fc.record({
  quote: fc.oneof(discordText, fc.string({ minLength: 3000, maxLength: 9000 })),
  cutBefore: fc.boolean(),
  cutAfter: fc.boolean(),
  source: fc.record({
    id: fc.string(),
    title: fc.oneof(discordText, fc.string({ maxLength: 2000 })),
    untitled: fc.boolean(),
    publisher: discordText,
    author: fc.option(discordText),
    date: fc.option(fc.constant('2017-07-11')),
    url: fc.option(fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), discordText)),
  }),
  location: fc.record({ paragraph: fc.nat(9999), start: fc.nat(), end: fc.nat() }),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** Any answer: answered with 1–12 excerpts, or unanswered with up to 30 suggestions. */
export const arbitraryAnswer: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    question: fc.oneof(discordText, fc.string({ maxLength: 1000 })),
    answered: fc.constant(true),
    status: fc.constant('answered' as const),
    message: discordText,
    note: fc.option(discordText, { nil: undefined }),
    excerpts: fc.array(arbitraryExcerpt, { minLength: 1, maxLength: 12 }),
    suggestions: fc.constant<string[]>([]),
  }),
  fc.record({
    question: discordText,
    answered: fc.constant(false),
    status: fc.constantFrom('not_covered' as const, 'needs_question' as const),
    message: discordText,
    excerpts: fc.constant<Excerpt[]>([]),
    suggestions: fc.array(fc.oneof(discordText, fc.string({ maxLength: 500 })), { maxLength: 30 }),
  }),
);
