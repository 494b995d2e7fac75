import fc from 'fast-check';

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
