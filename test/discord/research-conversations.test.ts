import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_MESSAGES, ConversationMemory } from '../../src/chat/index.js';
import { formatCitation } from '../../src/cite/index.js';
import { DISCORD_LIMITS } from '../../src/discord/index.js';
import { COMPONENT_IDS } from '../../src/discord/messages.js';
import { SOURCES_PER_PAGE } from '../../src/discord/render-sources.js';
import { BOT_MENTION, FAKE_IDS, FAKE_USERS, fakeUser } from '../helpers/discord-fake.js';
import { type DiscordBot, type SentBody, startDiscordBot, visibleText } from '../helpers/discord-harness.js';
import { generatedDocuments, researchEngine } from '../helpers/research-engine.js';

let bot: DiscordBot;
let asker = 100;
const memory = new ConversationMemory();
/** Generous waits: the whole suite shares two cores, and the engine's first questions are the slowest. */
const SLOW = 20_000;

beforeAll(async () => {
  const engine = await researchEngine();
  // The server's text channel is tied to City Daily; DMs answer from every source.
  bot = await startDiscordBot(
    engine,
    {},
    {},
    { research: { channelSources: { [FAKE_IDS.channel]: ['citydaily'] }, memory } },
  );
});

afterAll(async () => {
  await bot?.close();
});

/** Sends a message (a new user each time, so the rate limit never interferes) and waits for the first reply. */
async function ask(content: string, options: { dm?: boolean; replyTo?: string } = {}) {
  const id = bot.fake.sendMessage({
    content: options.dm ? content : `${BOT_MENTION} ${content}`,
    author: fakeUser(asker++),
    ...(options.dm ? { dm: true } : { mentions: [FAKE_USERS.bot] }),
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
  });
  await bot.waitForReply(id, SLOW);
  const call = bot.fake.postedMessages().find((posted) => posted.body.message_reference?.message_id === id);
  // A person replies after reading; the test waits until the bot has taken the answer's id.
  const replyId = call?.response.id as string;
  if (call?.body.embeds?.length) await bot.fake.waitFor(() => memory.get(replyId), SLOW);
  return {
    body: call?.body as SentBody,
    replyId: call?.response.id as string,
    text: visibleText(call?.body),
  };
}

describe('discord: follow-ups in a reply chain', () => {
  it('carries the topic when replying to an answer, starts clean on a new topic, and keeps chains apart', async () => {
    const first = await ask('What did the tutoring study find for math?', { dm: true });
    expect(first.text).toContain('eight percentile points');

    const followUp = await ask('and for reading?', { dm: true, replyTo: first.replyId });
    expect(followUp.text).toContain(CHAT_MESSAGES.followUp('tutoring study find'));
    expect(followUp.text).toContain('For reading, the same tutoring study found smaller gains');

    const chained = await ask('who wrote that?', { dm: true, replyTo: followUp.replyId });
    expect(chained.text).toContain('from earlier');

    const newTopic = await ask('Who pays for the tutoring program?', { dm: true, replyTo: followUp.replyId });
    expect(newTopic.text).not.toContain('from earlier');
    expect(newTopic.text).toContain('Harbor Foundation');

    const unrelated = await ask('and for reading?', { dm: true });
    expect(unrelated.text).not.toContain('from earlier');
  });
});

describe('discord: choosing sources', () => {
  it('answers from: and since: in a DM only from the sources they name', async () => {
    const only = await ask('from:"Learning Report" what did tutors say was the hardest part?', { dm: true });
    expect(only.text).toContain('keeping the same pupils together');
    expect(only.text).toContain(CHAT_MESSAGES.onlyFrom('The Learning Report', null));
    const since = await ask('since:2019 who pays for tutoring?', { dm: true });
    expect(since.text).toContain(CHAT_MESSAGES.onlySince('2019-01-01'));
    const none = await ask('from:nowhere who pays for tutoring?', { dm: true });
    expect(none.text).toContain('No source matches from:nowhere');
  });

  it('keeps the server channel tied to its sources, for mentions and /research', async () => {
    const mentioned = await ask('what did the tutoring study find for math?');
    expect(mentioned.body.embeds ?? []).toEqual([]);
    expect(mentioned.text).toContain('Foundation Grant Pays for Tutoring Program');
    const interaction = bot.fake.sendCommand({ question: 'who pays for tutoring?', user: fakeUser(asker++) });
    const [callback] = await bot.fake.waitFor(() => {
      const found = bot.callbacksFor(interaction);
      return found.length > 0 ? found : undefined;
    }, SLOW);
    const text = visibleText(callback?.body.data);
    expect(text).toContain('Harbor Foundation');
    expect(text).toContain(CHAT_MESSAGES.onlyFrom('City Daily', null));
  });
});

describe('discord: the sources list', () => {
  it('lists the sources of the channel for @bot sources, and all of them in a DM', async () => {
    const inChannel = await ask('sources');
    expect(inChannel.text).toContain('**Sources** (1–1 of 1)');
    const everywhere = await ask('sources', { dm: true });
    expect(everywhere.text).toContain(
      'Daily Tutoring Lifts Math Scores in Riverside Study — Tutoring Gazette, 2016-03-14, 4 passages',
    );
    expect(everywhere.text).toContain('Untitled article, Field Notes — Field Notes, 2 passages');
  });

  it('pages a 500-source knowledge base, every page within 2,000 characters', async () => {
    const big = await startDiscordBot({ answer: () => ({}) as never, documents: generatedDocuments(500) });
    try {
      const pages = Math.ceil(500 / SOURCES_PER_PAGE);
      for (const page of [1, 2, pages, pages + 6]) {
        const id = big.fake.sendMessage({
          content: `sources ${page}`,
          author: fakeUser(900 + page),
          dm: true,
        });
        const reply = await big.waitForReply(id);
        expect(reply.content?.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
        const shown = Math.min(page, pages);
        expect(reply.content).toContain(`of 500, page ${shown} of ${pages})`);
        if (shown < pages) expect(reply.content).toContain(`sources ${shown + 1}`);
      }
    } finally {
      await big.close();
    }
  });
});

describe('discord: cite and vote', () => {
  it('offers a cite menu with the answer and replies privately in APA, MLA and Chicago', async () => {
    const answer = await ask('What did the tutoring study find for math?', { dm: true });
    const menu = answer.body.components
      ?.flatMap((row) => row.components)
      .find((c) => c.custom_id === COMPONENT_IDS.cite);
    expect(menu?.options?.length).toBe(answer.body.embeds?.length);
    const choice = menu?.options?.[0]?.value ?? '';
    const interaction = bot.fake.sendComponent({
      customId: COMPONENT_IDS.cite,
      messageId: answer.replyId,
      values: [choice],
    });
    // Deferred at once, privately (formatting may take longer than Discord's 3 s on a cold start)…
    const [callback] = await bot.fake.waitFor(() => {
      const found = bot.callbacksFor(interaction);
      return found.length > 0 ? found : undefined;
    }, SLOW);
    expect(callback?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    // …then the reply is filled in.
    const original = new RegExp(
      `^/v10/webhooks/\\d+/interaction-token-${interaction}/messages/(@|%40)original$`,
    );
    const edit = await bot.fake.waitFor(() => bot.fake.callsTo('PATCH', original)[0], 20_000);
    const { documents } = await researchEngine();
    const gazette = documents.find((document) => document.meta.id === 'gazette-tutoring-math');
    const content = edit.body.content as string;
    for (const style of ['apa', 'mla', 'chicago'] as const) {
      expect(content).toContain(formatCitation(gazette?.meta ?? ({} as never), style));
    }
    expect(content).toContain(
      'Ruiz, A. (2016, March 14). Daily Tutoring Lifts Math Scores in Riverside Study. Tutoring Gazette. https://gazette.example/tutoring-math',
    );
  });

  it('thanks a vote privately and logs it without the user id', async () => {
    const answer = await ask('who pays for tutoring?', { dm: true });
    const down = answer.body.components
      ?.flatMap((row) => row.components)
      .find((c) => c.custom_id?.startsWith(`${COMPONENT_IDS.vote}:down:`));
    expect(down).toBeDefined();
    const interaction = bot.fake.sendComponent({
      customId: down?.custom_id ?? '',
      messageId: answer.replyId,
    });
    const [callback] = await bot.fake.waitFor(() => {
      const found = bot.callbacksFor(interaction);
      return found.length > 0 ? found : undefined;
    }, SLOW);
    expect(callback?.body.data.content).toContain('Thanks for the feedback');
    const logged = bot.log.lines.find((line) => line.msg === 'discord: feedback');
    expect(logged).toMatchObject({ vote: 'down' });
    const info = bot.log.lines.filter((line) => (line.level as number) >= 30);
    const askers = Array.from({ length: asker - 100 }, (_, at) => fakeUser(100 + at).id);
    for (const id of askers) expect(JSON.stringify(info)).not.toContain(id);
    expect(JSON.stringify(info)).not.toMatch(/tutoring study|hardest part|pays for/);
  });
});
