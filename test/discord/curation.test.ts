import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_FETCH_DEFAULTS } from '../../src/add/index.js';
import { KnowledgeLibrary } from '../../src/add/library.js';
import { CHAT_MESSAGES } from '../../src/chat/index.js';
import { COMPONENT_IDS } from '../../src/discord/messages.js';
import { KnowledgeHolder, watchKnowledge } from '../../src/runtime/index.js';
import {
  BOT_MENTION,
  FAKE_IDS,
  FAKE_USERS,
  type FakeAttachment,
  type FakeUser,
  fakeUser,
} from '../helpers/discord-fake.js';
import { type DiscordBot, type SentBody, startDiscordBot, visibleText } from '../helpers/discord-harness.js';
import { servePages } from '../helpers/page-server.js';
import { buildPdf } from '../helpers/pdf.js';
import { captureLogger } from '../helpers/slack-harness.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

/*
 * Curating from Discord end to end: real discord.js against FakeDiscord, a knowledge folder
 * served by a KnowledgeHolder that the real watcher reloads, and a loopback web site.
 */

/** Generous waits: the suite shares a few cores. */
const SLOW = 20_000;
const EPHEMERAL = 64;
/** Interaction callback types: 4 replies with a message, 7 updates the message clicked on. */
const CHANNEL_MESSAGE = 4;
const UPDATE_MESSAGE = 7;

/** A curator by user id; a member who is a curator only through a role; and someone who is neither. */
const CURATOR = fakeUser(700);
const ROLE_MEMBER = fakeUser(701);
const OUTSIDER = fakeUser(702);

const QUOKKA = {
  path: '/survey/quokka-lantern.html',
  title: 'The Quokka Lantern Survey',
  sentence:
    'The quokka lantern survey found that harbour ferries carried twelve thousand violins every winter.',
  question: 'What did the quokka lantern survey find about violins on harbour ferries?',
};
const HERON = {
  path: '/notes/heron-tidal-clock.html',
  title: 'Notes on the Heron Tidal Clock',
  sentence: 'The heron tidal clock chimed seventeen times whenever the estuary froze solid.',
  question: 'How many times did the heron tidal clock chime when the estuary froze?',
};
const WALRUS = {
  path: '/archive/walrus-brass-band.html',
  title: 'The Walrus Brass Band Census',
  sentence: 'The walrus brass band census counted ninety tubas stored in the lighthouse cellar.',
  question: 'How many tubas did the walrus brass band census count in the lighthouse cellar?',
};
const OTTER = {
  path: '/otter-kite-festival.html',
  title: 'The Otter Kite Festival',
  sentence: 'The otter kite festival lifted forty paper dragons over the salt marsh.',
  question: 'How many paper dragons did the otter kite festival lift?',
};
const PUFFIN = {
  path: '/puffin-choir.html',
  title: 'The Puffin Choir Almanac',
  sentence: 'The puffin choir almanac lists eleven anthems sung from the ferry deck at dawn.',
};
const MARMALADE = {
  filename: 'marmalade-observatory.pdf',
  title: 'Marmalade Observatory Report',
  sentence: 'The marmalade observatory recorded four hundred comets above the copper glacier last spring.',
  question: 'How many comets did the marmalade observatory record above the copper glacier?',
};

/** An article page with a title, a byline and a few paragraphs, `sentence` among them. */
function articleHtml(page: { title: string; sentence: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${page.title}</title>
<meta property="og:title" content="${page.title}"><meta property="og:site_name" content="Loopback Gazette">
</head><body><main><article>
<h1>${page.title}</h1>
<p class="byline">By Ada Fieldnote</p>
<p>Volunteers spent three seasons walking the coast with notebooks and asking the people who live there what they had seen.</p>
<p>${page.sentence}</p>
<p>The volunteers published their notebooks so that anyone could check the counts against their own memories.</p>
</article></main></body></html>`;
}

const INITIAL_FILE = `---
id: harbour-committee
title: Harbour Committee Minutes
publisher: Test Desk
---
The harbour committee met on Tuesday and agreed to repaint the north pier before the spring regatta.
`;

let dir: string;
let holder: KnowledgeHolder;
let stopWatching: () => void;
let site: Awaited<ReturnType<typeof servePages>>;
/** Paths the loopback site was asked for, in order. */
const siteRequests: string[] = [];
let pdf: Uint8Array;
let bot: DiscordBot;
let nextAsker = 800;

beforeAll(async () => {
  dir = await tempFolder('discord-curation-');
  await writeFile(path.join(dir, 'harbour-committee.md'), INITIAL_FILE);
  const log = captureLogger();
  holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3 });
  await holder.load();
  stopWatching = watchKnowledge(dir, () => void holder.reload(), log.logger, 100);
  const routes = Object.fromEntries(
    [QUOKKA, HERON, WALRUS, OTTER, PUFFIN].map((page) => [
      page.path,
      (request: { url?: string }, response: import('node:http').ServerResponse) => {
        siteRequests.push(request.url ?? '');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(page));
      },
    ]),
  );
  site = await servePages(routes);
  pdf = await buildPdf({
    title: MARMALADE.title,
    author: 'Basil Starling',
    pages: [
      {
        lines: [
          'The observatory sits on a ridge above the town and opens its dome on clear nights.',
          '',
          'Its staff keep a logbook of everything they see through the old brass telescope.',
        ],
      },
      {
        lines: [
          MARMALADE.sentence,
          '',
          'The logbook for that season runs to three volumes and is kept in the town library.',
        ],
      },
    ],
  });
  bot = await startDiscordBot(
    holder,
    { rateLimit: { max: 1000, windowMs: 1000 } },
    {},
    {
      curation: {
        curators: new Set([CURATOR.id, FAKE_IDS.role]),
        library: new KnowledgeLibrary(
          dir,
          { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] },
          () => holder.documents,
        ),
      },
    },
  );
}, 60_000);

afterAll(async () => {
  stopWatching?.();
  await bot?.close();
  await site?.close();
  await removeTempFolders();
});

/** Posts `@bot <text>` (with attachments and roles) and waits for the bot's reply to it. */
async function mention(
  text: string,
  from: { author: FakeUser; roles?: string[]; attachments?: FakeAttachment[] },
  target: DiscordBot = bot,
) {
  const id = target.fake.sendMessage({
    content: text === '' ? BOT_MENTION : `${BOT_MENTION} ${text}`,
    mentions: [FAKE_USERS.bot],
    author: from.author,
    ...(from.roles ? { roles: from.roles } : {}),
    ...(from.attachments ? { attachments: from.attachments } : {}),
  });
  await target.waitForReply(id, SLOW);
  const call = target.fake
    .postedMessages()
    .find((posted) => posted.body.message_reference?.message_id === id);
  return {
    body: call?.body as SentBody,
    replyId: call?.response.id as string,
    text: visibleText(call?.body),
  };
}

/** Asks a question as a new member (a plain asker, no curation rights). */
function ask(question: string) {
  return mention(question, { author: fakeUser(nextAsker++) });
}

/** The custom ids of a message's components (buttons and menus; for menus, each option's value). */
function componentIds(body: SentBody | undefined): string[] {
  return (body?.components ?? []).flatMap((row) =>
    row.components.flatMap((component) => [
      ...(component.custom_id ? [component.custom_id] : []),
      ...(component.options ?? []).map((option) => option.value),
    ]),
  );
}

/** The source id of the reply's Remove button; fails the test when there is none. */
function removableId(body: SentBody | undefined): string {
  const button = componentIds(body).find((id) => id.startsWith(`${COMPONENT_IDS.remove}:`));
  expect(button, 'a Remove button').toBeDefined();
  return (button as string).slice(COMPONENT_IDS.remove.length + 1);
}

/** Waits until the holder serves (or, with `served` false, no longer serves) the source `id`. */
function whenServed(id: string, served = true) {
  return bot.fake.waitFor(
    () => (holder.documents.some((document) => document.meta.id === id) === served ? true : undefined),
    SLOW,
  );
}

function fileOf(id: string): string | undefined {
  return holder.documents.find((document) => document.meta.id === id)?.file;
}

async function callbackFor(target: DiscordBot, id: string): Promise<{ type: number; data: SentBody }> {
  const call = await target.fake.waitFor(() => target.callbacksFor(id)[0], SLOW);
  return call.body as { type: number; data: SentBody };
}

describe('discord: curators add sources from the chat', () => {
  it("adds a page from a curator's @bot add <url>, with a Remove button, and then answers from it with a cited quote", async () => {
    const url = `${site.base}${QUOKKA.path}`;
    const before = await ask(QUOKKA.question);
    expect(before.text).not.toContain(QUOKKA.sentence);

    const added = await mention(`add ${url}`, { author: CURATOR });
    const id = removableId(added.body);
    expect(added.text).toContain(QUOKKA.title);
    expect(added.text).toContain(`source id ${id}`);
    expect(componentIds(added.body)).toContain(`${COMPONENT_IDS.remove}:${id}`);
    expect(siteRequests).toContain(QUOKKA.path);

    await whenServed(id);
    const answer = await ask(QUOKKA.question);
    expect(answer.text).toContain(QUOKKA.sentence);
    expect(answer.body.embeds?.[0]?.description).toContain(QUOKKA.title);
    expect(componentIds(answer.body)).toContain(`${id}#1`);
  });

  it('adds a PDF attached to a message that only mentions the bot, and answers from it citing the page', async () => {
    const attachment = bot.fake.hostFile(MARMALADE.filename, pdf, 'application/pdf');
    const added = await mention('', { author: CURATOR, attachments: [attachment] });
    const id = removableId(added.body);
    expect(added.text).toContain(MARMALADE.title);
    expect(added.text).toContain('2 pages');
    expect(bot.fake.fileRequests).toContain(new URL(attachment.url).pathname);

    await whenServed(id);
    const answer = await ask(MARMALADE.question);
    expect(answer.text).toContain(MARMALADE.sentence);
    const first = answer.body.embeds?.[0]?.description ?? '';
    expect(first).toContain(MARMALADE.title);
    expect(first).toContain('p. 2');
    expect(componentIds(answer.body)).toContain(`${id}#1`);
  });

  it('adds a page with /research question:add <url> for a member whose role, not user id, is a curator', async () => {
    const url = `${site.base}${HERON.path}`;
    const withoutRole = bot.fake.sendCommand({ question: `add ${url}`, user: ROLE_MEMBER });
    const refused = await callbackFor(bot, withoutRole);
    expect(refused.data.content).toBe(CHAT_MESSAGES.notCurator);
    expect(refused.data.flags).toBe(EPHEMERAL);
    expect(siteRequests).not.toContain(HERON.path);

    const withRole = bot.fake.sendCommand({
      question: `add ${url}`,
      user: ROLE_MEMBER,
      roles: [FAKE_IDS.role],
    });
    const { type, data } = await callbackFor(bot, withRole);
    expect(type).toBe(CHANNEL_MESSAGE);
    const id = removableId(data);
    expect(visibleText(data)).toContain(HERON.title);
    expect(visibleText(data)).toContain(`source id ${id}`);
    expect(siteRequests).toContain(HERON.path);

    await whenServed(id);
    expect((await ask(HERON.question)).text).toContain(HERON.sentence);
  });

  it('removes a source with its Remove button for a curator only: the file goes, the message says so, and it is no longer quoted', async () => {
    const added = await mention(`add ${site.base}${WALRUS.path}`, { author: CURATOR });
    const id = removableId(added.body);
    await whenServed(id);
    const file = fileOf(id) as string;
    expect(await readdir(dir)).toContain(file);
    expect((await ask(WALRUS.question)).text).toContain(WALRUS.sentence);

    const refusedClick = bot.fake.sendComponent({
      customId: `${COMPONENT_IDS.remove}:${id}`,
      messageId: added.replyId,
      user: OUTSIDER,
    });
    const refused = await callbackFor(bot, refusedClick);
    expect(refused.type).toBe(CHANNEL_MESSAGE);
    expect(refused.data.flags).toBe(EPHEMERAL);
    expect(refused.data.content).toBe(CHAT_MESSAGES.notCurator);
    expect(await readdir(dir)).toContain(file);

    const click = bot.fake.sendComponent({
      customId: `${COMPONENT_IDS.remove}:${id}`,
      messageId: added.replyId,
      user: CURATOR,
    });
    const removed = await callbackFor(bot, click);
    expect(removed.type).toBe(UPDATE_MESSAGE);
    expect(visibleText(removed.data)).toContain(CHAT_MESSAGES.removed(`**${WALRUS.title}**`, id));
    expect(removed.data.components).toEqual([]);
    expect(await readdir(dir)).not.toContain(file);

    await whenServed(id, false);
    const after = await ask(WALRUS.question);
    expect(after.text).not.toContain(WALRUS.sentence);
    expect(componentIds(after.body).some((value) => value.startsWith(`${id}#`))).toBe(false);
  });
});

describe('discord: removing a source just added', () => {
  it('removes a source clicked away at once, before the folder has been reloaded to serve it', async () => {
    // A folder nobody reloads: the source is written but never served, as in the seconds after an add.
    const unwatched = await tempFolder('discord-curation-unwatched-');
    await writeFile(path.join(unwatched, 'harbour-committee.md'), INITIAL_FILE);
    const still = new KnowledgeHolder(unwatched, captureLogger().logger, { maxExcerpts: 3 });
    await still.load();
    const quick = await startDiscordBot(
      still,
      {},
      {},
      {
        curation: {
          curators: new Set([CURATOR.id]),
          library: new KnowledgeLibrary(
            unwatched,
            { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] },
            () => still.documents,
          ),
        },
      },
    );
    try {
      const added = await mention(`add ${site.base}${PUFFIN.path}`, { author: CURATOR }, quick);
      const id = removableId(added.body);
      expect(await readdir(unwatched)).toHaveLength(2);
      const click = quick.fake.sendComponent({
        customId: `${COMPONENT_IDS.remove}:${id}`,
        messageId: added.replyId,
        user: CURATOR,
      });
      const removed = await callbackFor(quick, click);
      expect(removed.type).toBe(UPDATE_MESSAGE);
      expect(visibleText(removed.data)).toContain(CHAT_MESSAGES.removed(`**${PUFFIN.title}**`, id));
      expect(await readdir(unwatched)).toEqual(['harbour-committee.md']);
    } finally {
      await quick.close();
    }
  });
});

describe('discord: curation is refused without fetching anything', () => {
  it("refuses a non-curator's @bot add <url> with a file attached, and neither the site nor the file host is asked", async () => {
    const attachment = bot.fake.hostFile('otter-notes.pdf', pdf, 'application/pdf');
    const folder = await snapshot(dir);
    const reply = await mention(`add ${site.base}${OTTER.path}`, {
      author: OUTSIDER,
      attachments: [attachment],
    });
    expect(reply.body.content).toBe(CHAT_MESSAGES.notCurator);
    expect(componentIds(reply.body)).toEqual([]);
    expect(siteRequests).not.toContain(OTTER.path);
    expect(bot.fake.fileRequests).not.toContain(new URL(attachment.url).pathname);
    expect(await snapshot(dir)).toEqual(folder);
  });

  it("refuses a curator's add of a loopback address when no host is allowed, saying only public web addresses are fetched", async () => {
    const strict = await startDiscordBot(
      holder,
      {},
      {},
      {
        curation: {
          curators: new Set([CURATOR.id]),
          library: new KnowledgeLibrary(dir, CHAT_FETCH_DEFAULTS, () => holder.documents),
        },
      },
    );
    try {
      const folder = await snapshot(dir);
      const reply = await mention(`add ${site.base}${OTTER.path}`, { author: CURATOR }, strict);
      expect(reply.text).toContain('public web addresses');
      expect(reply.text).toContain(CHAT_MESSAGES.curationFailed(''));
      expect(componentIds(reply.body)).toEqual([]);
      expect(siteRequests).not.toContain(OTTER.path);
      expect(await snapshot(dir)).toEqual(folder);
    } finally {
      await strict.close();
    }
  });
});
