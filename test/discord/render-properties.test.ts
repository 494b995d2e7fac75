import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, type DiscordReply, renderDiscordAnswer } from '../../src/discord/index.js';
import { arbitraryAnswer, PING } from '../helpers/discord-text.js';

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
});
