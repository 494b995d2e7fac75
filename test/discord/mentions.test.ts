import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_MESSAGES } from '../../src/discord/index.js';
import { BOT_MENTION, FAKE_IDS, FAKE_USERS, fakeUser } from '../helpers/discord-fake.js';
import {
  type DiscordBot,
  startDiscordBot,
  TEST_DISCORD_TOKEN,
  visibleText,
} from '../helpers/discord-harness.js';
import { seedEngine } from '../helpers/seed-engine.js';

const READING_QUOTE =
  'Reading showed a similar positive trend, but with non–statistically significant improvement.';

let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot(await seedEngine());
});

afterAll(async () => {
  await bot?.close();
});

/** Sends the ignored messages, then one that is answered; all but that one must stay unanswered. */
async function expectIgnored(send: () => string[]): Promise<void> {
  const before = bot.fake.postedMessages().length;
  const ignored = send();
  const marker = bot.fake.sendMessage({ content: `${BOT_MENTION} help`, author: fakeUser(999) });
  await bot.waitForReply(marker);
  for (const id of ignored) expect(bot.repliesTo(id)).toEqual([]);
  expect(bot.fake.postedMessages().length).toBe(before + 1);
}

describe('discord gateway connection', () => {
  it('finds the gateway through GET /gateway/bot and connects with v10 JSON, uncompressed', () => {
    expect(bot.adapter.isConnected()).toBe(true);
    expect(bot.adapter.status()).toBeUndefined();
    expect(bot.fake.callsTo('GET', /^\/v10\/gateway\/bot$/)).toHaveLength(1);
    const query = bot.fake.gatewayQueries[0];
    expect(query?.get('v')).toBe('10');
    expect(query?.get('encoding')).toBe('json');
    expect(query?.has('compress')).toBe(false);
  });

  it('identifies with Guilds, GuildMessages and DirectMessages only, not the privileged MessageContent', () => {
    const identify = bot.fake.frames.find((frame) => frame.op === 2)?.d as { intents: number };
    expect(identify.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(identify.intents & (1 << 15)).toBe(0);
  });

  it('keeps the connection alive with heartbeats', async () => {
    await bot.fake.waitFor(() => bot.fake.frames.find((frame) => frame.op === 1));
    expect(bot.adapter.isConnected()).toBe(true);
  });
});

describe('discord @mentions', () => {
  it('replies to a mention with the answer and its citation, allowing no pings', async () => {
    const id = bot.fake.sendMessage({
      content: `${BOT_MENTION} what did RAND find for reading?`,
      mentions: [FAKE_USERS.bot],
    });
    const reply = await bot.waitForReply(id);
    const text = visibleText(reply);
    expect(text).toContain(READING_QUOTE);
    expect(text).toContain(
      '— Personalized Learning Boosts Math Scores, New RAND Study Finds — But Scaling Is a Challenge, The 74, 2017-07-11, paragraph 6',
    );
    expect(text).toContain(`**${DISCORD_MESSAGES.asked}** what did RAND find for reading?`);
    expect(reply.message_reference?.message_id).toBe(id);
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('shows the typing indicator in the channel while answering', () => {
    expect(
      bot.fake.callsTo('POST', new RegExp(`^/v10/channels/${FAKE_IDS.channel}/typing$`)).length,
    ).toBeGreaterThan(0);
  });

  it('sends the token only as the Authorization header of REST calls', () => {
    const authorized = bot.fake.calls.filter((call) => call.authorization !== undefined);
    expect(authorized.length).toBeGreaterThan(0);
    for (const call of authorized) expect(call.authorization).toBe(`Bot ${TEST_DISCORD_TOKEN}`);
  });

  it('takes the text around a mention in the middle as the question', async () => {
    const id = bot.fake.sendMessage({
      content: `so ${BOT_MENTION}, what did RAND find for reading?`,
      author: fakeUser(1),
    });
    expect(visibleText(await bot.waitForReply(id))).toContain(
      `**${DISCORD_MESSAGES.asked}** so , what did RAND find`,
    );
  });

  it('answers a bare mention with how to ask', async () => {
    const id = bot.fake.sendMessage({ content: BOT_MENTION, author: fakeUser(2) });
    expect((await bot.waitForReply(id)).content).toBe(DISCORD_MESSAGES.usage);
  });

  it('says an out-of-scope question is not covered, and quotes nothing', async () => {
    const id = bot.fake.sendMessage({
      content: `<@!${FAKE_IDS.bot}> What's the weather tomorrow?`,
      author: fakeUser(3),
    });
    const reply = await bot.waitForReply(id);
    expect(visibleText(reply)).toContain(DISCORD_MESSAGES.notCovered);
    expect(visibleText(reply)).toContain(DISCORD_MESSAGES.theyCover);
    expect(reply.embeds ?? []).toEqual([]);
  });

  it('answers a reply to one of its answers that mentions it, as a follow-up', async () => {
    const first = bot.fake.sendMessage({
      content: `${BOT_MENTION} what did RAND find for reading?`,
      author: fakeUser(4),
    });
    await bot.waitForReply(first);
    const answer = bot.fake
      .postedMessages()
      .find((call) => call.body.message_reference?.message_id === first);
    const followUp = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(4),
      replyTo: answer?.response.id,
      mentions: [FAKE_USERS.bot],
    });
    const reply = await bot.waitForReply(followUp);
    expect(visibleText(reply)).toContain(`**${DISCORD_MESSAGES.asked}** who funded the study?`);
    expect(reply.embeds?.length).toBeGreaterThan(0);
  });

  it('ignores a message without a mention, and one with only @everyone, @here or a role', async () => {
    await expectIgnored(() => [
      bot.fake.sendMessage({ content: 'what did RAND find for reading?', author: fakeUser(5) }),
      bot.fake.sendMessage({
        content: '@everyone what did RAND find for reading?',
        mentionEveryone: true,
        author: fakeUser(5),
      }),
      bot.fake.sendMessage({
        content: '@here who funded the study?',
        mentionEveryone: true,
        author: fakeUser(5),
      }),
      bot.fake.sendMessage({
        content: `<@&${FAKE_IDS.role}> who funded the study?`,
        mentionRoles: [FAKE_IDS.role],
        author: fakeUser(5),
      }),
    ]);
  });

  it('ignores a reply to its answer that pings it only because it is a reply', async () => {
    const first = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(6),
    });
    await bot.waitForReply(first);
    const answer = bot.fake
      .postedMessages()
      .find((call) => call.body.message_reference?.message_id === first);
    await expectIgnored(() => [
      bot.fake.sendMessage({
        content: 'thanks, that helps!',
        author: fakeUser(6),
        replyTo: answer?.response.id,
        mentions: [FAKE_USERS.bot],
      }),
    ]);
  });

  it('ignores messages from bots, itself included, even when they mention it', async () => {
    await expectIgnored(() => [
      bot.fake.sendMessage({ content: `${BOT_MENTION} who funded the study?`, author: fakeUser(7, true) }),
      bot.fake.sendMessage({ content: `${BOT_MENTION} who funded the study?`, author: FAKE_USERS.bot }),
      bot.fake.sendMessage({ content: 'Who funded the study?', author: fakeUser(7, true), dm: true }),
    ]);
  });
});

describe('discord DMs', () => {
  it('answers a DM without any mention, in the DM', async () => {
    const asker = fakeUser(8);
    const id = bot.fake.sendMessage({ content: 'what did RAND find for reading?', dm: true, author: asker });
    const reply = await bot.waitForReply(id);
    expect(visibleText(reply)).toContain(READING_QUOTE);
    const call = bot.fake.postedMessages().find((posted) => posted.body.message_reference?.message_id === id);
    expect(call?.path).not.toContain(FAKE_IDS.channel);
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers "help" in a DM with how to ask', async () => {
    const id = bot.fake.sendMessage({ content: 'help', dm: true, author: fakeUser(9) });
    expect((await bot.waitForReply(id)).content).toBe(DISCORD_MESSAGES.usage);
  });
});

describe('discord logs', () => {
  it('never contain the token', () => {
    const logs = bot.log.raw.join('');
    expect(logs).toContain('discord: ready');
    expect(logs).not.toContain(TEST_DISCORD_TOKEN);
    expect(logs).not.toContain('never-logged-secret-part');
  });
});
