import { afterEach, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import { DISCORD_MESSAGES } from '../../src/discord/index.js';
import { BOT_MENTION, fakeUser } from '../helpers/discord-fake.js';
import {
  type DiscordBot,
  startDiscordBot,
  TEST_DISCORD_TOKEN,
  visibleText,
} from '../helpers/discord-harness.js';
import { seedEngine } from '../helpers/seed-engine.js';

let bot: DiscordBot | undefined;

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** The seed engine, except that the first `failures` questions throw. */
async function failingFirst(failures: number): Promise<QuestionAnswerer> {
  const engine = await seedEngine();
  let asked = 0;
  return {
    answer(question) {
      asked++;
      if (asked <= failures) throw new Error('index exploded');
      return engine.answer(question);
    },
  };
}

describe('discord rate limit, end to end', () => {
  it('answers 20 rapid mentions from one user: five answers, then fifteen friendly notices', async () => {
    bot = await startDiscordBot(await seedEngine(), { rateLimit: { max: 5, windowMs: 10_000 } });
    const asker = fakeUser(30);
    const ids = Array.from({ length: 20 }, () =>
      bot?.fake.sendMessage({ content: `${BOT_MENTION} what did RAND find for reading?`, author: asker }),
    ) as string[];
    await bot.fake.waitFor(
      () => (ids.every((id) => bot?.repliesTo(id).length === 1) ? true : undefined),
      10_000,
    );
    const replies = ids.map((id) => bot?.repliesTo(id)[0]);
    const answers = replies.filter((reply) =>
      visibleText(reply).includes('Reading showed a similar positive trend'),
    );
    const notices = replies.filter((reply) => reply?.content === DISCORD_MESSAGES.rateLimited(10));
    expect(answers).toHaveLength(5);
    expect(notices).toHaveLength(15);
    expect(replies.slice(0, 5)).toEqual(answers);
    for (const reply of replies) expect(reply?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const other = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(31),
    });
    expect((await bot.waitForReply(other)).embeds?.length).toBeGreaterThan(0);
  });
});

describe('discord errors', () => {
  it('apologises when answering a mention throws, logs it, and keeps answering', async () => {
    bot = await startDiscordBot(await failingFirst(1));
    const failing = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(32),
    });
    const apology = await bot.waitForReply(failing);
    expect(apology.content).toBe(DISCORD_MESSAGES.apology);
    expect(apology.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const logged = bot.log.lines.find((line) => line.msg === 'discord: answering failed');
    expect(logged).toMatchObject({
      level: 50,
      user: fakeUser(32).id,
      err: { message: expect.stringContaining('index exploded') },
    });
    const next = bot.fake.sendMessage({
      content: `${BOT_MENTION} what did RAND find for reading?`,
      author: fakeUser(32),
    });
    expect(visibleText(await bot.waitForReply(next))).toContain('Reading showed a similar positive trend');
    expect(bot.adapter.isConnected()).toBe(true);
  });

  it('apologises privately when answering /research throws, and keeps answering', async () => {
    bot = await startDiscordBot(await failingFirst(1));
    const failing = bot.fake.sendCommand({ question: 'who funded the study?', user: fakeUser(33) });
    const apology = await bot.fake.waitFor(() => bot?.callbacksFor(failing)[0]);
    expect(apology.body.data).toMatchObject({ content: DISCORD_MESSAGES.apology, flags: 64 });
    const next = bot.fake.sendCommand({ question: 'who funded the study?', user: fakeUser(33) });
    const answer = await bot.fake.waitFor(() => bot?.callbacksFor(next)[0]);
    expect(answer.body.data.embeds.length).toBeGreaterThan(0);
  });

  it('logs, and stays up, when Discord refuses the reply and the apology', async () => {
    bot = await startDiscordBot(await seedEngine());
    bot.fake.refuse('POST', /\/messages$/, 2);
    const refused = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(34),
    });
    await bot.fake.waitFor(() => bot?.log.lines.find((line) => line.msg === 'discord: apology failed too'));
    expect(bot.repliesTo(refused)).toHaveLength(2);
    const next = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(34),
    });
    expect((await bot.waitForReply(next)).embeds?.length).toBeGreaterThan(0);
  });

  it('never logs a token, not even the interaction token of a refused reply', async () => {
    bot = await startDiscordBot(await seedEngine());
    bot.fake.refuse('POST', /^\/v10\/interactions\//, 2);
    const command = bot.fake.sendCommand({ question: 'who funded the study?', user: fakeUser(35) });
    await bot.fake.waitFor(() => bot?.log.lines.find((line) => line.msg === 'discord: apology failed too'));
    const failed = bot.log.lines.find((line) => line.msg === 'discord: answering failed');
    expect(failed).toMatchObject({
      err: {
        status: 403,
        code: 50013,
        method: 'POST',
        url: expect.stringMatching(/\/interactions\/\d+\/:token\/callback/),
      },
    });
    const logs = bot.log.raw.join('');
    expect(logs).not.toContain(`interaction-token-${command}`);
    expect(logs).not.toContain(TEST_DISCORD_TOKEN);
    expect(logs).not.toContain('never-logged-secret-part');
  });
});

describe('discord gateway reconnects', () => {
  it('answers a question sent while it was reconnecting: the resumed session replays it', async () => {
    bot = await startDiscordBot(await seedEngine());
    const before = bot.fake.frames.filter((frame) => frame.op === 6).length;
    // 4000 (unknown error) is resumable: discord.js reconnects and resumes the session.
    bot.fake.disconnect(4000);
    const id = bot.fake.sendMessage({
      content: `${BOT_MENTION} what did RAND find for reading?`,
      author: fakeUser(41),
    });
    const reply = await bot.waitForReply(id);
    expect(visibleText(reply)).toContain('The 74');
    expect(bot.fake.frames.filter((frame) => frame.op === 6).length).toBe(before + 1);
  });
});
