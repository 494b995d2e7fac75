import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, DISCORD_MESSAGES } from '../../src/discord/index.js';
import { answered, excerpt, HOSTILE_TEXT, source } from '../fixtures/discord-answers.js';
import { FAKE_IDS, fakeUser } from '../helpers/discord-fake.js';
import { type DiscordBot, type SentBody, startDiscordBot, visibleText } from '../helpers/discord-harness.js';
import { PING } from '../helpers/discord-text.js';

/** Ten quotes of about 3,000 characters each, from a source with a hostile title. */
const LONG_QUOTE = `${'A long sentence from the source, quoted word for word. '.repeat(55)}The end.`;
const longAnswerer = {
  answer: (question: string) =>
    answered(
      question,
      Array.from({ length: 10 }, (_, at) =>
        excerpt(`${at + 1}: ${LONG_QUOTE}`, { source: source({ title: HOSTILE_TEXT }) }),
      ),
    ),
};

let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot(longAnswerer, { maxExcerpts: 10 });
});

afterAll(async () => {
  await bot?.close();
});

function expectWithinLimits(body: SentBody): void {
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(body.embeds?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  const total = (body.embeds ?? []).reduce((sum, embed) => sum + (embed.description?.length ?? 0), 0);
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  expect(JSON.stringify(body)).not.toMatch(PING);
}

describe('discord long answers', () => {
  it('replies with the first part and follows up in the channel, every message within limits', async () => {
    const before = bot.fake.postedMessages().length;
    const id = bot.fake.sendMessage({ content: `<@${FAKE_IDS.bot}> ${HOSTILE_TEXT}`, author: fakeUser(50) });
    await bot.waitForReply(id);
    const posted = await bot.fake.waitFor(() => {
      const calls = bot.fake.postedMessages().slice(before);
      return calls.flatMap((call) => call.body.embeds ?? []).length === 10 ? calls : undefined;
    });
    expect(posted.length).toBeGreaterThan(1);
    expect(posted[0]?.body.message_reference?.message_id).toBe(id);
    for (const call of posted.slice(1)) {
      expect(call.body.content).toBe(DISCORD_MESSAGES.continued);
      expect(call.body.message_reference).toBeUndefined();
    }
    for (const call of posted) expectWithinLimits(call.body);
    const text = posted.map((call) => visibleText(call.body)).join('\n');
    for (let n = 1; n <= 10; n++) expect(text).toContain(`${n}: ${LONG_QUOTE}`);
    expect(text).toContain(HOSTILE_TEXT);
  });

  it('answers /research with the first part and follow-ups on the interaction', async () => {
    const id = bot.fake.sendCommand({ question: 'long', user: fakeUser(51), ephemeral: true });
    const callback = await bot.fake.waitFor(() => bot.callbacksFor(id)[0]);
    const followUps = await bot.fake.waitFor(() => {
      const calls = bot.fake.callsTo(
        'POST',
        new RegExp(`/webhooks/${FAKE_IDS.application}/interaction-token-${id}$`),
      );
      const embeds = [callback, ...calls].flatMap((call) => (call.body.data ?? call.body).embeds ?? []);
      return embeds.length === 10 ? calls : undefined;
    });
    expect(followUps.length).toBeGreaterThan(0);
    expectWithinLimits(callback.body.data);
    for (const call of followUps) {
      expectWithinLimits(call.body);
      expect(call.body.flags).toBe(64);
    }
  });
});
