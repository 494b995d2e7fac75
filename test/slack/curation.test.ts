import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_FETCH_DEFAULTS, type FetchLimits } from '../../src/add/fetch-page.js';
import { KnowledgeLibrary } from '../../src/add/library.js';
import { CHAT_MESSAGES } from '../../src/chat/index.js';
import { KnowledgeHolder, watchKnowledge } from '../../src/runtime/index.js';
import { ACTION_IDS, CITE_BLOCK_PREFIX, decodeCiteValue } from '../../src/slack/action-values.js';
import { SLACK_MESSAGES } from '../../src/slack/index.js';
import {
  processKnowledgeDir,
  type RunningBot,
  slackHttpEnv,
  spawnBot,
  waitForExit,
} from '../helpers/bot-process.js';
import { type CurationSite, serveArticles, type TestArticle } from '../helpers/curation-site.js';
import { buildPdf } from '../helpers/pdf.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { allText, unescapeMrkdwn } from '../helpers/slack-blocks.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { captureLogger, type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import {
  buttonClick,
  directMessageEvent,
  mentionEvent,
  postAction,
  postEvent,
  postSlashCommand,
  TEST_BOT_TOKEN,
} from '../helpers/slack-signing.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

const CURATOR = 'U0CURATOR';
const ASKER = 'U0ASKER';
/** How long a change may take to be served: the product promises "within a few seconds". */
const SERVED_WITHIN_MS = 5000;

function article(title: string, sentence: string): TestArticle {
  return {
    title,
    paragraphs: [
      `${title} is a report from a small coastal town, written for readers who follow local news.`,
      sentence,
      'The town council said it would publish a longer account of the season next spring.',
    ],
  };
}

const LANTERNS = article(
  'Quiet Lanterns of Marrow Bay',
  'The harbour survey counted nine hundred paper lanterns floating past the Marrow Bay lighthouse each winter.',
);
const LANTERNS_QUESTION = 'How many paper lanterns floated past the Marrow Bay lighthouse?';

const QUINCES = article(
  'The Copper Orchard Cooperative',
  'The copper orchard cooperative harvested eleven tonnes of blue quinces in its first autumn.',
);
const QUINCES_QUESTION = 'How many tonnes of blue quinces did the copper orchard cooperative harvest?';

const TWIN = article(
  'Ferry Timetables of Gull Island',
  'The Gull Island ferry kept its seven-minute crossing for thirty years without a single cancellation.',
);
const PAIR = article(
  'The Lighthouse Keepers Almanac',
  'The almanac lists every keeper who polished the brass lamp at Cape Sorrow since eighteen twelve.',
);
const OUTSIDE = article(
  'The Salt Marsh Bell Ringers',
  'The salt marsh bell ringers rang the tide bell four hundred times during the great autumn flood.',
);
const OUTSIDE_QUESTION = 'How many times did the salt marsh bell ringers ring the tide bell?';
const SECRET = article(
  'Notes Nobody Should Fetch',
  'This private page must never be fetched by the bot for someone who is not a curator.',
);

const GLACIER_SENTENCE =
  'The glacier choir recorded forty seven distinct tones beneath the northern ice shelf during the winter survey.';
const GLACIER_QUESTION = 'How many distinct tones did the glacier choir record beneath the ice shelf?';

let dir: string;
let holder: KnowledgeHolder;
let stopWatching: () => void;
let site: CurationSite;
let fake: FakeSlack;
let app: HttpSlackApp;
let pdfBytes: Uint8Array;

/** A library over the test's knowledge folder, as src/platforms.ts builds it from the configuration. */
function library(fetch: FetchLimits): KnowledgeLibrary {
  return new KnowledgeLibrary(dir, fetch, () => holder.documents);
}

beforeAll(async () => {
  dir = await tempFolder('slack-curation-');
  await cp(SEED_KNOWLEDGE_DIR, dir, { recursive: true });
  const knowledgeLog = captureLogger();
  holder = new KnowledgeHolder(dir, knowledgeLog.logger, { maxExcerpts: 3 });
  await holder.load();
  // The real watcher (with its real settle time), as the process runs it.
  stopWatching = watchKnowledge(dir, () => void holder.reload(), knowledgeLog.logger);
  site = await serveArticles({
    '/lanterns.html': LANTERNS,
    '/quinces.html': QUINCES,
    '/twin.html': TWIN,
    '/pair.html': PAIR,
    '/secret.html': SECRET,
    '/off.html': SECRET,
    '/local.html': SECRET,
    '/page.html': OUTSIDE,
  });
  pdfBytes = await buildPdf({
    title: 'Glacier Choir Report',
    author: 'Ada Fjell',
    creationDate: new Date('2024-02-01T12:00:00Z'),
    pages: [
      {
        lines: [
          'The survey team spent two winters on the northern ice shelf listening for sound.',
          '',
          'Each recording session lasted six hours and was repeated every week of the season.',
        ],
      },
      {
        lines: [
          'The glacier choir recorded forty seven distinct tones beneath the northern ice',
          'shelf during the winter survey.',
          '',
          'The team plans to return with better microphones in the next survey season.',
        ],
      },
    ],
  });
  fake = await FakeSlack.start();
  app = await startHttpSlackApp(holder, {}, fake, {
    curation: {
      curators: new Set([CURATOR]),
      library: library({ ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] }),
    },
  });
});

afterAll(async () => {
  stopWatching?.();
  await app?.close();
  await fake?.close();
  await site?.close();
  await removeTempFolders();
});

let nextId = 0;
/** `/research <text>` by `user`; resolves with the first reply posted to its response_url. */
async function command(
  text: string,
  user = CURATOR,
  target: Pick<HttpSlackApp, 'eventsUrl' | 'fake'> = app,
  timeoutMs = 5000,
) {
  const id = `r${nextId++}`;
  const ack = await postSlashCommand(target.eventsUrl, {
    text,
    user_id: user,
    response_url: target.fake.responseUrl(id),
  });
  expect(ack.status).toBe(200);
  const reply = await target.fake.waitFor(() => target.fake.responsesTo(id)[0], timeoutMs);
  return reply.body;
}

let nextTs = 1_700_100_000;
/** A direct message to the bot (`more` adds fields, e.g. files); resolves with the bot's reply. */
async function directMessage(text: string, user: string, more: Record<string, unknown> = {}) {
  const before = fake.callsTo('chat.postMessage').length;
  const res = await postEvent(
    app.eventsUrl,
    directMessageEvent(text, `D0${user}`, `${nextTs++}.000100`, { user, ...more }),
  );
  expect(res.status).toBe(200);
  const post = await fake.waitFor(() => fake.callsTo('chat.postMessage').slice(before)[0], 10_000);
  return post.args;
}

/** The text of a reply as a reader sees it (fallback text and every block). */
function textOf(body: Record<string, unknown>): string {
  return unescapeMrkdwn(allText([body]));
}

/** The ids on the Remove buttons of a curation reply. */
function removeButtons(body: Record<string, unknown>): string[] {
  return ((body.blocks ?? []) as types.KnownBlock[]).flatMap((block) =>
    block.type === 'section' &&
    block.accessory?.type === 'button' &&
    block.accessory.action_id === ACTION_IDS.remove
      ? [block.accessory.value ?? '']
      : [],
  );
}

/** Each quote of an answer with its citation line and the source id its "Cite as…" menu names. */
function excerptsOf(body: Record<string, unknown>) {
  const excerpts: Array<{ quote: string; citation: string; sourceId?: string | undefined }> = [];
  let quote: string | undefined;
  for (const block of (body.blocks ?? []) as types.KnownBlock[]) {
    if (block.type === 'section' && block.text?.text.startsWith('> ')) {
      quote = (quote ?? '') + unescapeMrkdwn(block.text.text.slice(2).replace(/\n> /g, '\n'));
    } else if (block.type === 'context' && quote !== undefined) {
      const [element] = block.elements;
      excerpts.push({ quote, citation: element && 'text' in element ? unescapeMrkdwn(element.text) : '' });
      quote = undefined;
    } else if (block.type === 'actions' && block.block_id?.startsWith(CITE_BLOCK_PREFIX)) {
      const [menu] = block.elements;
      const option = menu?.type === 'static_select' ? menu.options?.[0] : undefined;
      const last = excerpts.at(-1);
      if (last) last.sourceId = decodeCiteValue(option?.value)?.sourceId;
    }
  }
  return excerpts;
}

/** Resolves once the bot serves (or, with `present` false, no longer serves) the source `id`. */
async function served(id: string, present = true): Promise<void> {
  await fake.waitFor(
    () => holder.documents.some((document) => document.meta.id === id) === present,
    SERVED_WITHIN_MS,
  );
}

/** The knowledge files holding `sentence`. */
async function filesHolding(sentence: string): Promise<string[]> {
  const files = await snapshot(dir);
  return Object.keys(files).filter((name) => files[name]?.includes(sentence));
}

describe('slack: a curator adds a web page', () => {
  it('answers /research add with the page title, its source id and a Remove button, then answers a question from the page', async () => {
    const started = Date.now();
    const reply = await command(`add ${site.url('/lanterns.html')}`, CURATOR, app, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [id] = removeButtons(reply);
    expect(id).toBe('quiet-lanterns-of-marrow-bay');
    expect(reply.response_type).toBe('in_channel');
    expect(textOf(reply)).toContain(`Added *${LANTERNS.title}*`);
    expect(textOf(reply)).toContain(`source id ${id}.`);
    expect(textOf(reply)).toContain('3 quotable paragraphs');
    expect(site.hits('/lanterns.html')).toBe(1);
    const file = await readFile(path.join(dir, `${id}.md`), 'utf8');
    expect(file).toContain(`added_by: "slack:${CURATOR}"`);

    await served(id ?? '');
    const answer = await command(LANTERNS_QUESTION, ASKER);
    const [first] = excerptsOf(answer);
    expect(first?.sourceId).toBe(id);
    expect(first?.quote).toContain(LANTERNS.paragraphs[1]);
    expect(first?.citation).toContain(LANTERNS.title);
  });
});

describe('slack: a curator shares a PDF in a direct message', () => {
  it('downloads it with the bot token from the file host, replies with its title and pages, and answers from it with page numbers', async () => {
    const url = fake.serveFile('report.pdf', pdfBytes, 'application/pdf');
    const reply = await directMessage('', CURATOR, {
      subtype: 'file_share',
      files: [{ id: 'F0REPORT', name: 'report.pdf', url_private: url, url_private_download: url }],
    });
    expect(fake.fileRequestsFor('report.pdf')).toEqual([
      { path: '/files/report.pdf', authorization: `Bearer ${TEST_BOT_TOKEN}`, status: 200 },
    ]);
    expect(reply.channel).toBe(`D0${CURATOR}`);
    const [id] = removeButtons(reply);
    expect(id).toBeTruthy();
    expect(textOf(reply)).toContain('Added *Glacier Choir Report* (Ada Fjell, 2024-02-01)');
    expect(textOf(reply)).toContain(`source id ${id}.`);
    expect(textOf(reply)).toContain('2 pages, ');

    await served(id ?? '');
    const answer = await directMessage(GLACIER_QUESTION, CURATOR);
    const [first] = excerptsOf(answer);
    expect(first?.sourceId).toBe(id);
    expect(first?.quote.replace(/\s+/g, ' ')).toContain(GLACIER_SENTENCE);
    expect(first?.citation).toContain('Glacier Choir Report');
    expect(first?.citation).toMatch(/p\. 2$/);
  });
});

describe('slack: a curator shares a Markdown file in a message that mentions the bot', () => {
  it('adds it from the channel, answering in the thread with the source id', async () => {
    const notes =
      '# Harbour Kite Notes\n\nThe harbour kite festival flew 212 kites over the breakwater this spring.\n';
    const url = fake.serveFile('kites.md', new TextEncoder().encode(notes), 'text/markdown');
    const before = fake.callsTo('chat.postMessage').length;
    const ts = `${nextTs++}.000100`;
    const res = await postEvent(
      app.eventsUrl,
      mentionEvent('<@UBOT>', 'C0CURATE', ts, {
        user: CURATOR,
        files: [{ id: 'F0KITES', name: 'kites.md', url_private: url, url_private_download: url }],
      }),
    );
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage').slice(before)[0], 10_000);
    expect(post.args).toMatchObject({ channel: 'C0CURATE', thread_ts: ts });
    const [id] = removeButtons(post.args);
    expect(id).toBe('harbour-kite-notes');
    expect(textOf(post.args)).toContain('Added *Harbour Kite Notes*');
    expect(fake.fileRequestsFor('kites.md')).toHaveLength(1);
    await served(id ?? '');
  });
});

describe('slack: removing a source with its Remove button', () => {
  it('deletes the file, replaces the message with "Removed …", and the question is no longer answered from it; a non-curator click changes nothing', async () => {
    const added = await command(`add ${site.url('/quinces.html')}`);
    const [id = ''] = removeButtons(added);
    expect(id).toBe('the-copper-orchard-cooperative');
    await served(id);
    expect(excerptsOf(await command(QUINCES_QUESTION, ASKER))[0]?.sourceId).toBe(id);
    const click = (user: string, responseId: string) =>
      postAction(
        app.eventsUrl,
        buttonClick({
          actionId: ACTION_IDS.remove,
          value: id,
          user,
          blockId: 'curated',
          responseUrl: fake.responseUrl(responseId),
          message: { type: 'message', ts: '1700000000.000100', text: added.text, blocks: added.blocks },
        }),
      );

    expect((await click(ASKER, 'remove-refused')).status).toBe(200);
    const refused = await fake.waitFor(() => fake.responsesTo('remove-refused')[0]);
    expect(refused.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: CHAT_MESSAGES.notCurator,
    });
    expect(await readdir(dir)).toContain(`${id}.md`);

    expect((await click(CURATOR, 'removed')).status).toBe(200);
    const removed = await fake.waitFor(() => fake.responsesTo('removed')[0]);
    expect(removed.body.replace_original).toBe(true);
    expect(textOf(removed.body)).toContain(CHAT_MESSAGES.removed(`*${QUINCES.title}*`, id));
    expect(removeButtons(removed.body)).toEqual([]);
    expect(await readdir(dir)).not.toContain(`${id}.md`);

    await served(id, false);
    const answer = await command(QUINCES_QUESTION, ASKER);
    expect(excerptsOf(answer).map((excerpt) => excerpt.sourceId)).not.toContain(id);
    expect(textOf(answer)).not.toContain('harvested eleven tonnes');
  });
});

describe('slack: who may curate', () => {
  it("refuses a non-curator's add politely and fetches nothing, neither a link nor a shared file", async () => {
    const before = await snapshot(dir);
    const reply = await command(`add ${site.url('/secret.html')}`, ASKER);
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: CHAT_MESSAGES.notCurator });
    expect(reply.text).toBe(SLACK_MESSAGES.notCurator);

    const url = fake.serveFile('secret.pdf', pdfBytes, 'application/pdf');
    const dm = await directMessage('', ASKER, {
      subtype: 'file_share',
      files: [{ id: 'F0SECRET', name: 'secret.pdf', url_private_download: url }],
    });
    expect(dm.text).toBe(CHAT_MESSAGES.notCurator);

    expect(site.hits('/secret.html')).toBe(0);
    expect(fake.fileRequestsFor('secret.pdf')).toEqual([]);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('says how to turn curation on when no curators are configured, and fetches nothing', async () => {
    const off = await startHttpSlackApp(holder, {}, undefined, {
      curation: {
        curators: new Set(),
        library: library({ ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] }),
      },
    });
    try {
      const reply = await command(`add ${site.url('/off.html')}`, CURATOR, off);
      expect(reply).toMatchObject({ response_type: 'ephemeral', text: CHAT_MESSAGES.curationDisabled });
      expect(site.hits('/off.html')).toBe(0);
    } finally {
      await off.close();
    }
  });
});

describe('slack: what a curator may add', () => {
  it('refuses a loopback address unless ADD_ALLOWED_HOSTS allows it, fetching nothing', async () => {
    const strict = await startHttpSlackApp(holder, {}, undefined, {
      curation: { curators: new Set([CURATOR]), library: library(CHAT_FETCH_DEFAULTS) },
    });
    try {
      const before = await snapshot(dir);
      const reply = await command(`add ${site.url('/local.html')}`, CURATOR, strict);
      const text = textOf(reply);
      expect(text).toContain(CHAT_MESSAGES.curationFailed(`${site.url('/local.html')}: refused: `));
      expect(text).toContain(
        'the bot only fetches public web addresses (an operator can allow a host with ADD_ALLOWED_HOSTS)',
      );
      expect(removeButtons(reply)).toEqual([]);
      expect(site.hits('/local.html')).toBe(0);
      expect(await snapshot(dir)).toEqual(before);
    } finally {
      await strict.close();
    }
  });

  it('refuses a page already in the knowledge folder, naming its source id', async () => {
    const first = await command(`add ${site.url('/twin.html')}`);
    const [id] = removeButtons(first);
    expect(id).toBe('ferry-timetables-of-gull-island');
    // As Slack formats a link in a message: <url>.
    const again = await command(`add <${site.url('/twin.html')}>`);
    expect(textOf(again)).toContain(CHAT_MESSAGES.curationFailed(`${site.url('/twin.html')}: already in`));
    expect(textOf(again)).toContain(`source id ${id} (same URL)`);
    expect(removeButtons(again)).toEqual([]);
    expect(await filesHolding(TWIN.paragraphs[1] ?? '')).toEqual([`${id}.md`]);
  });

  it('adds a page once when two adds of it arrive at the same time; the other is refused as a duplicate', async () => {
    const replies = await Promise.all([
      command(`add ${site.url('/pair.html')}`),
      command(`add ${site.url('/pair.html')}`),
    ]);
    const landed = replies.filter((reply) => removeButtons(reply).length === 1);
    const refused = replies.filter((reply) => removeButtons(reply).length === 0);
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const [id] = removeButtons(landed[0] ?? {});
    expect(textOf(refused[0] ?? {})).toContain(
      `already in the knowledge folder as ${id}.md, source id ${id}`,
    );
    expect(await filesHolding(PAIR.paragraphs[1] ?? '')).toEqual([`${id}.md`]);
  });
});

describe('slack: curating a running bot, from outside', () => {
  let bot: RunningBot | undefined;
  let outside: FakeSlack | undefined;
  let knowledgeDir = '';

  afterAll(async () => {
    const pid = bot?.child.pid;
    if (pid && bot?.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      if (!(await waitForExit(pid, 12_000))) bot.child.kill('SIGKILL');
    }
    await outside?.close();
    if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('with CURATORS and ADD_ALLOWED_HOSTS=127.0.0.1, answers /research add with the page title within 10 s, then answers a question from the page', async () => {
    outside = await FakeSlack.start();
    knowledgeDir = await processKnowledgeDir();
    bot = await spawnBot(
      process.execPath,
      ['--import', 'tsx', 'src/index.ts'],
      slackHttpEnv(outside, {
        KNOWLEDGE_DIR: knowledgeDir,
        CURATORS: CURATOR,
        ADD_ALLOWED_HOSTS: '127.0.0.1',
      }),
    );
    const target = { eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`, fake: outside };

    const started = Date.now();
    const reply = await command(`add ${site.url('/page.html')}`, CURATOR, target, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(textOf(reply)).toContain(`Added *${OUTSIDE.title}*`);
    const [id] = removeButtons(reply);
    expect(id).toBe('the-salt-marsh-bell-ringers');
    expect(await readdir(knowledgeDir)).toContain(`${id}.md`);

    // The process reloads the folder by itself: ask until the answer quotes the page, for a few seconds.
    const deadline = Date.now() + SERVED_WITHIN_MS;
    let [first] = excerptsOf(await command(OUTSIDE_QUESTION, ASKER, target));
    while (first?.sourceId !== id && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      [first] = excerptsOf(await command(OUTSIDE_QUESTION, ASKER, target));
    }
    expect(first?.sourceId).toBe(id);
    expect(first?.quote).toContain(OUTSIDE.paragraphs[1]);
    expect(first?.citation).toContain(OUTSIDE.title);
  }, 40_000);
});
