import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Excerpt } from '../../src/answer/index.js';
import {
  DISCORD_LIMITS,
  type DiscordReply,
  renderDiscordAnswer,
  unescapeDiscord,
} from '../../src/discord/index.js';
import { discordText, PING } from '../helpers/discord-text.js';

const arbitraryExcerpt: fc.Arbitrary<Excerpt> = fc.record({
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

const arbitraryAnswer: fc.Arbitrary<Answer> = fc.oneof(
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

/** Characters Discord counts towards the 6000 of one message's embeds. */
function embedCharacters(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function expectWithinLimits(reply: DiscordReply): void {
  expect(reply.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(reply.content.length + reply.embeds.length).toBeGreaterThan(0);
  expect(reply.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  for (const embed of reply.embeds) {
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  }
  const total = reply.embeds.reduce((sum, embed) => sum + embedCharacters(embed), 0);
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
}

describe('renderDiscordAnswer, for any answer', () => {
  it('keeps every message within every Discord limit', () => {
    fc.assert(
      fc.property(
        arbitraryAnswer,
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (answer, max) => {
          const replies = renderDiscordAnswer(answer, { maxExcerpts: max });
          expect(replies.length).toBeGreaterThan(0);
          for (const reply of replies) expectWithinLimits(reply);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never lets a ping or a mention through, in content or embeds', () => {
    fc.assert(
      fc.property(arbitraryAnswer, (answer) => {
        for (const reply of renderDiscordAnswer(answer)) {
          expect(reply.content).not.toMatch(PING);
          for (const embed of reply.embeds) expect(embed.description ?? '').not.toMatch(PING);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shows one embed per excerpt shown, in order, each quote verbatim unless cut to fit', () => {
    fc.assert(
      fc.property(arbitraryAnswer, fc.integer({ min: 1, max: 10 }), (answer, max) => {
        const embeds = renderDiscordAnswer(answer, { maxExcerpts: max }).flatMap((reply) => reply.embeds);
        const shown = answer.answered ? answer.excerpts.slice(0, max) : [];
        expect(embeds).toHaveLength(shown.length);
        shown.forEach((excerpt, at) => {
          const description = unescapeDiscord(embeds[at]?.description ?? '');
          const quoted = description
            .slice(0, description.lastIndexOf('\n— '))
            .split('\n')
            .map((line) => line.replace(/^> /, ''))
            .join('\n');
          const expected = `${excerpt.cutBefore ? '…' : ''}${excerpt.quote.trim().replace(/\r\n/g, '\n')}${excerpt.cutAfter ? '…' : ''}`;
          if (quoted.endsWith('…') && quoted.length < expected.length) {
            expect(expected.replaceAll('\u200b', '').startsWith(quoted.slice(0, -1))).toBe(true);
          } else {
            expect(quoted).toBe(expected.replaceAll('\u200b', ''));
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
