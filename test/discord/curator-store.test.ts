import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_IDS } from '../../src/discord/messages.js';
import type { Database, StoreRecorder } from '../../src/store/index.js';
import { fakeUser } from '../helpers/discord-fake.js';
import { type DiscordBot, type SentBody, startDiscordBot } from '../helpers/discord-harness.js';
import { memoryStore } from '../helpers/memory-store.js';
import { researchEngine } from '../helpers/research-engine.js';

let bot: DiscordBot;
let db: Database;
let recorder: StoreRecorder;

beforeAll(async () => {
  ({ db, recorder } = await memoryStore('discord-store-test-salt-01'));
  bot = await startDiscordBot(await researchEngine(), {}, {}, { recorder });
});

afterAll(async () => {
  await bot?.close();
  await db?.close();
});

describe('discord answers and votes reach the curator store', () => {
  it('stores the answer and a 👍 joined to it, with the user only as a hash', async () => {
    const asker = fakeUser(300);
    const id = bot.fake.sendMessage({ content: 'who pays for tutoring?', author: asker, dm: true });
    await bot.waitForReply(id);
    const call = bot.fake.postedMessages().find((posted) => posted.body.message_reference?.message_id === id);
    const body = call?.body as SentBody;
    const up = body.components?.flatMap((row) => row.components).find((c) => c.custom_id?.includes(':up:'));
    const interaction = bot.fake.sendComponent({
      customId: up?.custom_id ?? '',
      messageId: call?.response.id,
    });
    await bot.fake.waitFor(() => bot.callbacksFor(interaction)[0]);
    await recorder.flush();
    const [answer] = await db.all<{ id: string; question: string; user_hash: string; platform: string }>(
      'SELECT id, question, user_hash, platform FROM answers',
    );
    expect(answer).toMatchObject({ question: 'who pays for tutoring?', platform: 'discord' });
    expect(up?.custom_id).toBe(`${COMPONENT_IDS.vote}:up:${answer?.id}`);
    expect(await db.all('SELECT answer_id, vote FROM votes')).toEqual([
      { answer_id: answer?.id, vote: 'up' },
    ]);
    expect(answer?.user_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(answer?.user_hash).not.toContain(asker.id);
  });
});
