import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFER_AFTER_MS, DISCORD_MESSAGES } from '../../src/discord/index.js';
import { fakeUser } from '../helpers/discord-fake.js';
import { type DiscordBot, type SentBody, startDiscordBot, visibleText } from '../helpers/discord-harness.js';
import { seedEngine } from '../helpers/seed-engine.js';

const EPHEMERAL = 64;
/** Interaction callback types: 4 replies with a message, 5 defers ("thinking…"). */
const CHANNEL_MESSAGE = 4;
const DEFERRED = 5;

let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot(await seedEngine());
});

afterAll(async () => {
  await bot?.close();
});

async function callbackFor(id: string): Promise<{ type: number; data: SentBody }> {
  const call = await bot.fake.waitFor(() => bot.callbacksFor(id)[0]);
  return call.body as { type: number; data: SentBody };
}

describe('discord /research', () => {
  it('answers with an interaction response quoting the sources, for the whole channel', async () => {
    const id = bot.fake.sendCommand({ question: 'what did RAND find for reading?', user: fakeUser(20) });
    const { type, data } = await callbackFor(id);
    expect(type).toBe(CHANNEL_MESSAGE);
    expect(visibleText(data)).toContain('Reading showed a similar positive trend');
    expect(visibleText(data)).toContain('The 74, 2017-07-11, paragraph 6');
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers only the asker when ephemeral is true', async () => {
    const id = bot.fake.sendCommand({
      question: 'Who funded the study?',
      ephemeral: true,
      user: fakeUser(21),
    });
    const { type, data } = await callbackFor(id);
    expect(type).toBe(CHANNEL_MESSAGE);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds?.length).toBeGreaterThan(0);
  });

  it('shows how to ask, to the asker only, for "help"', async () => {
    const id = bot.fake.sendCommand({ question: 'help', user: fakeUser(22) });
    const { data } = await callbackFor(id);
    expect(data.content).toBe(DISCORD_MESSAGES.usage);
    expect(data.flags).toBe(EPHEMERAL);
  });

  it('says an out-of-scope question is not covered', async () => {
    const id = bot.fake.sendCommand({ question: "What's the weather tomorrow?", user: fakeUser(23) });
    const { data } = await callbackFor(id);
    expect(visibleText(data)).toContain(DISCORD_MESSAGES.notCovered);
    expect(data.embeds ?? []).toEqual([]);
  });

  it('defers first when the interaction arrives late, then fills in the answer', async () => {
    const id = bot.fake.sendCommand({
      question: 'what did RAND find for reading?',
      ageMs: DEFER_AFTER_MS + 500,
      user: fakeUser(24),
    });
    const { type } = await callbackFor(id);
    expect(type).toBe(DEFERRED);
    const edit = await bot.fake.waitFor(
      () => bot.fake.callsTo('PATCH', new RegExp(`/interaction-token-${id}/messages/(@|%40)original$`))[0],
    );
    expect(visibleText(edit.body)).toContain('Reading showed a similar positive trend');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('tells a user asking too fast to wait, privately', async () => {
    const user = fakeUser(25);
    const ids = Array.from({ length: 6 }, () =>
      bot.fake.sendCommand({ question: 'Who funded the study?', user }),
    );
    const bodies = await Promise.all(ids.map(callbackFor));
    const notices = bodies.filter(({ data }) => data.content?.startsWith("You're asking faster"));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.data.content).toBe(DISCORD_MESSAGES.rateLimited(10));
    expect(notices[0]?.data.flags).toBe(EPHEMERAL);
  });

  it('ignores commands that are not /research', async () => {
    const other = bot.fake.sendCommand({ name: 'other', question: 'x', user: fakeUser(26) });
    const marker = bot.fake.sendCommand({ question: 'help', user: fakeUser(26) });
    await callbackFor(marker);
    expect(bot.callbacksFor(other)).toEqual([]);
  });
});
