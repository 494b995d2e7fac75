import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAME, registerCommands } from '../../src/discord/index.js';
import { FAKE_IDS, FakeDiscord } from '../helpers/discord-fake.js';
import { TEST_DISCORD_TOKEN } from '../helpers/discord-harness.js';
import { captureLogger } from '../helpers/slack-harness.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  await fake?.close();
});

const RESEARCH_COMMAND = {
  name: COMMAND_NAME,
  options: [
    { name: 'question', type: 3, required: true, max_length: 1000 },
    { name: 'ephemeral', type: 5 },
  ],
};

describe('registerCommands', () => {
  it('registers /research in one server when a guild id is given', async () => {
    const log = captureLogger();
    const where = await registerCommands(
      { token: TEST_DISCORD_TOKEN, apiUrl: fake.apiUrl, guildId: FAKE_IDS.guild },
      log.logger,
    );
    expect(where).toBe(`server ${FAKE_IDS.guild}`);
    const [put] = fake.callsTo('PUT', /commands$/);
    expect(put?.path).toBe(`/v10/applications/${FAKE_IDS.application}/guilds/${FAKE_IDS.guild}/commands`);
    expect(put?.authorization).toBe(`Bot ${TEST_DISCORD_TOKEN}`);
    expect(put?.body).toEqual([expect.objectContaining({ ...RESEARCH_COMMAND, options: expect.any(Array) })]);
    expect(put?.body[0].options).toEqual([
      expect.objectContaining(RESEARCH_COMMAND.options[0]),
      expect.objectContaining(RESEARCH_COMMAND.options[1]),
    ]);
    expect(log.raw.join('')).not.toContain(TEST_DISCORD_TOKEN);
  });

  it('registers /research globally without a guild id', async () => {
    const where = await registerCommands(
      { token: TEST_DISCORD_TOKEN, apiUrl: fake.apiUrl },
      captureLogger().logger,
    );
    expect(where).toBe('all servers (global)');
    expect(fake.callsTo('PUT', /commands$/).at(-1)?.path).toBe(
      `/v10/applications/${FAKE_IDS.application}/commands`,
    );
  });
});
