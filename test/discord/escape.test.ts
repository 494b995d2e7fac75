import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/chat/clip.js';
import { escapeDiscord, unescapeDiscord } from '../../src/discord/index.js';
import { HOSTILE_TEXT } from '../fixtures/discord-answers.js';
import { discordText, PING, UNESCAPED_MARKDOWN } from '../helpers/discord-text.js';

describe('escapeDiscord', () => {
  it('makes Markdown, links and mentions inert, yet shows them as typed', () => {
    const escaped = escapeDiscord(HOSTILE_TEXT);
    expect(escaped).not.toMatch(PING);
    expect(escaped).not.toMatch(UNESCAPED_MARKDOWN);
    expect(unescapeDiscord(escaped)).toBe(HOSTILE_TEXT);
  });

  it('leaves plain words alone', () => {
    expect(escapeDiscord('Reading showed a similar positive trend')).toBe(
      'Reading showed a similar positive trend',
    );
  });

  it('never lets any text ping or format', () => {
    fc.assert(
      fc.property(discordText, (text) => {
        const escaped = escapeDiscord(text);
        expect(escaped).not.toMatch(PING);
        expect(escaped).not.toMatch(UNESCAPED_MARKDOWN);
      }),
      { numRuns: 300 },
    );
  });

  it('is reversible: a reader sees exactly the text that was escaped', () => {
    fc.assert(
      fc.property(discordText, (text) => {
        expect(unescapeDiscord(escapeDiscord(text))).toBe(text.replaceAll('\u200b', ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('clipping a message part to a limit', () => {
  it('keeps text that fits', () => {
    expect(clip('short', 10)).toBe('short');
  });

  it('cuts to the limit and ends with "…"', () => {
    expect(clip('abcdefghij', 5)).toBe('abcd…');
  });

  it('never leaves a half emoji or a dangling escape, at any length', () => {
    fc.assert(
      fc.property(discordText, fc.integer({ min: 2, max: 300 }), (text, max) => {
        const escaped = escapeDiscord(text);
        const clipped = clip(escaped, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(clipped).not.toMatch(/[\ud800-\udbff]…$/);
        expect(clipped).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
        expect(clipped).not.toMatch(PING);
      }),
      { numRuns: 300 },
    );
  });
});
