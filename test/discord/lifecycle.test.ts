import { describe, expect, it } from 'vitest';
import { createDiscordAdapter, DISCORD_MESSAGES } from '../../src/discord/index.js';
import { BOT_MENTION, FakeDiscord, fakeUser } from '../helpers/discord-fake.js';
import { startDiscordBot, TEST_DISCORD_TOKEN } from '../helpers/discord-harness.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { captureLogger } from '../helpers/slack-harness.js';

/** An adapter against `apiUrl` that has not been started. */
async function adapterFor(apiUrl: string) {
  const log = captureLogger();
  const adapter = createDiscordAdapter(
    { token: TEST_DISCORD_TOKEN, apiUrl },
    { answerer: await seedEngine(), logger: log.logger },
  );
  return { adapter, log };
}

async function expectStartToFail(apiUrl: string, reason: RegExp): Promise<void> {
  const { adapter, log } = await adapterFor(apiUrl);
  const started = Date.now();
  const error = (await adapter.start().catch((caught: unknown) => caught)) as Error;
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toMatch(/^could not connect to Discord: /);
  expect(error.message).toMatch(reason);
  expect(error.message).not.toContain(TEST_DISCORD_TOKEN);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(adapter.isConnected()).toBe(false);
  expect(adapter.status()).toBe(error.message);
  expect(log.raw.join('')).not.toContain(TEST_DISCORD_TOKEN);
  await adapter.stop(0);
}

describe('discord adapter start', () => {
  it('refuses an empty token or a rate limit that allows nothing, saying what to fix', () => {
    const deps = { answerer: { answer: () => ({}) as never }, logger: captureLogger().logger };
    expect(() => createDiscordAdapter({ token: ' ' }, deps)).toThrow(/DISCORD_TOKEN.*Developer Portal/);
    expect(() => createDiscordAdapter({ token: 't', rateLimit: { max: 0, windowMs: 1000 } }, deps)).toThrow(
      /at least 1 question/,
    );
    expect(() => createDiscordAdapter({ token: 't', maxExcerpts: 0 }, deps)).toThrow(/maxExcerpts/);
  });

  it('fails clearly, and at once, when Discord rejects the token', async () => {
    const fake = await FakeDiscord.start({ gatewayStatus: 401 });
    await expectStartToFail(fake.apiUrl, /invalid token/i);
    await fake.close();
  });

  it('fails clearly when the gateway closes with "authentication failed", and does not reconnect', async () => {
    const fake = await FakeDiscord.start({ closeAfterIdentify: 4004 });
    await expectStartToFail(fake.apiUrl, /authentication failed \(4004\): check DISCORD_TOKEN/);
    const identifies = fake.frames.filter((frame) => frame.op === 2).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.frames.filter((frame) => frame.op === 2).length).toBe(identifies);
    await fake.close();
  });

  it('fails clearly when Discord cannot be reached', async () => {
    const fake = await FakeDiscord.start();
    const apiUrl = fake.apiUrl;
    await fake.close();
    await expectStartToFail(apiUrl, /ECONNREFUSED|fetch failed|connect/i);
  });

  it('cannot be started twice', async () => {
    const bot = await startDiscordBot(await seedEngine());
    await expect(bot.adapter.start()).rejects.toThrow(/cannot start from state running/);
    await bot.close();
  });
});

describe('discord adapter while connected', () => {
  it('reports a dropped gateway, resumes the session and answers again', async () => {
    const bot = await startDiscordBot(await seedEngine());
    try {
      bot.fake.disconnect(4000);
      await bot.fake.waitFor(() => bot.fake.frames.find((frame) => frame.op === 6));
      await bot.fake.waitFor(() => (bot.adapter.isConnected() ? true : undefined));
      const id = bot.fake.sendMessage({
        content: `${BOT_MENTION} who funded the study?`,
        author: fakeUser(40),
      });
      expect((await bot.waitForReply(id)).embeds?.length).toBeGreaterThan(0);
    } finally {
      await bot.close();
    }
  });

  it('reports a gateway closed for good in its status', async () => {
    const bot = await startDiscordBot(await seedEngine());
    try {
      bot.fake.disconnect(4004);
      await bot.fake.waitFor(() => (bot.adapter.isConnected() ? undefined : true));
      expect(bot.adapter.status()).toMatch(/gateway disconnected: authentication failed/);
    } finally {
      await bot.close();
    }
  });
});

describe('discord adapter stop', () => {
  it('tells new askers it is restarting, waits for the reply under way, then disconnects', async () => {
    const bot = await startDiscordBot(await seedEngine());
    const release = bot.fake.holdPosts();
    const asked = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(41),
    });
    await bot.fake.waitFor(() => bot.repliesTo(asked)[0]);
    let stopped = false;
    const stopping = bot.adapter.stop(5000).then(() => {
      stopped = true;
    });
    expect(bot.adapter.isConnected()).toBe(false);
    expect(bot.adapter.status()).toBe('shutting down');
    const late = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(42),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(bot.repliesTo(late).map((reply) => reply.content)).toEqual([DISCORD_MESSAGES.restarting]);
    await bot.fake.waitFor(() => (bot.fake.connected ? undefined : true));
    await bot.adapter.stop();
    await bot.fake.close();
  });

  it('gives up waiting after the grace period, and says so', async () => {
    const bot = await startDiscordBot(await seedEngine());
    bot.fake.holdPosts();
    const asked = bot.fake.sendMessage({
      content: `${BOT_MENTION} who funded the study?`,
      author: fakeUser(43),
    });
    await bot.fake.waitFor(() => bot.repliesTo(asked)[0]);
    const started = Date.now();
    await bot.adapter.stop(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(bot.log.lines.some((line) => line.msg === 'discord: stopped before every answer was sent')).toBe(
      true,
    );
    await bot.fake.close();
  });

  it('can be stopped without ever being started', async () => {
    const { adapter } = await adapterFor('http://127.0.0.1:9/api');
    await adapter.stop();
    await adapter.stop();
    expect(adapter.isConnected()).toBe(false);
    expect(adapter.status()).toBe('stopped');
  });
});
