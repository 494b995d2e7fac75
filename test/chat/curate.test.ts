import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_FETCH_DEFAULTS } from '../../src/add/index.js';
import { KnowledgeLibrary } from '../../src/add/library.js';
import {
  CHAT_MESSAGES,
  type ChatReply,
  createChat,
  curationCommand,
  isCurator,
} from '../../src/chat/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { KnowledgeDocument } from '../../src/knowledge/types.js';
import type { CurationEvent, Recorder } from '../../src/store/recorder.js';
import { servePages } from '../helpers/page-server.js';
import { captureLogger } from '../helpers/slack-harness.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

const ARTICLE = `<html><head><title>Tutors in the city</title><meta name="author" content="Ann Reporter"></head>
<body><article><h1>Tutors in the city</h1>
<p>The city's tutoring program reached 4,000 pupils in its first year, the council said on Monday.</p>
<p>Teachers said the sessions were most useful for pupils who had fallen behind in reading.</p>
</article></body></html>`;

let site: Awaited<ReturnType<typeof servePages>>;
let hits = 0;

beforeAll(async () => {
  site = await servePages({
    '/tutors.html': (_request, response) => {
      hits += 1;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    },
  });
});
afterAll(() => site.close());
afterEach(removeTempFolders);

/** A chat over an empty knowledge folder, whose documents are what the folder holds now. */
async function curatingChat(curators: string[], allowedHosts = ['127.0.0.1']) {
  const dir = await tempFolder();
  let documents: KnowledgeDocument[] = [];
  const reload = async () => {
    documents = (await loadKnowledge(dir)).documents;
  };
  const curations: CurationEvent[] = [];
  const recorder: Recorder = {
    recordAnswer: () => 'answer',
    recordVote: () => undefined,
    recordCuration: (event) => void curations.push(event),
  };
  const library = new KnowledgeLibrary(dir, { ...CHAT_FETCH_DEFAULTS, allowedHosts }, () => documents);
  const chat = createChat({
    platform: 'slack',
    answerer: { documents, answer: () => ({}) as never },
    logger: captureLogger().logger,
    recorder,
    curation: { curators: new Set(curators), library },
  });
  const said: ChatReply[] = [];
  const send = async (text: string, user = 'U0CURATOR', roles: string[] = []) => {
    await chat.receive(
      { kind: 'test', user, roles, text },
      {
        say: async (reply) => {
          said.push(reply);
          return undefined;
        },
      },
    );
    return said.at(-1);
  };
  return { dir, send, reload, curations, library };
}

describe('curation commands', () => {
  it('reads add with addresses, and remove with source ids', () => {
    expect(curationCommand('add https://a.example/x http://b.example/y')).toEqual({
      action: 'add',
      urls: ['https://a.example/x', 'http://b.example/y'],
    });
    expect(curationCommand('ADD')).toEqual({ action: 'add', urls: [] });
    expect(curationCommand('remove city-tutors old-memo')).toEqual({
      action: 'remove',
      ids: ['city-tutors', 'old-memo'],
    });
  });

  it('leaves questions that start with "add" or "remove" to be answered', () => {
    expect(curationCommand('add up the costs of tutoring?')).toBeNull();
    expect(curationCommand('remove barriers to learning?')).toBeNull();
    expect(curationCommand('what did teachers add?')).toBeNull();
    expect(curationCommand('remove')).toBeNull();
  });

  it('knows a curator by user id or by one of their roles', () => {
    const curators = new Set(['U0CURATOR', '222222222222222222']);
    expect(isCurator(curators, { user: 'U0CURATOR' })).toBe(true);
    expect(isCurator(curators, { user: '111111111111111111', roles: ['222222222222222222'] })).toBe(true);
    expect(isCurator(curators, { user: 'U0OTHER', roles: ['333333333333333333'] })).toBe(false);
    expect(isCurator(curators, {})).toBe(false);
  });
});

describe('curating from the chat', () => {
  it('adds a page a curator links, says what was read, records it, and keeps who added it', async () => {
    const { dir, send, curations } = await curatingChat(['U0CURATOR']);
    const reply = await send(`add ${site.base}/tutors.html`);
    expect(reply).toMatchObject({
      kind: 'curated',
      results: [{ ok: true, action: 'add', source: { title: 'Tutors in the city', author: 'Ann Reporter' } }],
    });
    const [file] = await readdir(dir);
    const text = await readFile(path.join(dir, file as string), 'utf8');
    expect(text).toContain('added_by: "slack:U0CURATOR"');
    expect(curations).toEqual([
      expect.objectContaining({ action: 'add', user: 'U0CURATOR', input: `${site.base}/tutors.html` }),
    ]);
  });

  it('refuses anyone else politely and fetches nothing', async () => {
    const { dir, send } = await curatingChat(['U0CURATOR']);
    const before = hits;
    expect(await send(`add ${site.base}/tutors.html`, 'U0SOMEONE')).toEqual({
      kind: 'curation_refused',
      reason: 'not_curator',
    });
    expect(hits).toBe(before);
    expect(await snapshot(dir)).toEqual({});
    expect(CHAT_MESSAGES.notCurator).toMatch(/only curators/);
  });

  it('says how to turn curation on when CURATORS is empty', async () => {
    const { send } = await curatingChat([]);
    expect(await send('remove city-tutors')).toEqual({ kind: 'curation_refused', reason: 'disabled' });
    expect(CHAT_MESSAGES.curationDisabled).toContain('CURATORS');
  });

  it('says how to add when neither an address nor a file is given', async () => {
    const { send } = await curatingChat(['U0CURATOR']);
    expect(await send('add')).toEqual({ kind: 'curation_usage' });
  });

  it('refuses a private address not allowed by the operator, writing nothing', async () => {
    const { dir, send } = await curatingChat(['U0CURATOR'], []);
    const before = hits;
    const reply = await send(`add ${site.base}/tutors.html`);
    expect(reply?.kind === 'curated' && reply.results[0]).toMatchObject({
      ok: false,
      message: expect.stringContaining('public web addresses'),
    });
    expect(hits).toBe(before);
    expect(await snapshot(dir)).toEqual({});
  });

  it('lands one of two adds of the same page at once and refuses the other with its id', async () => {
    const { dir, send } = await curatingChat(['U0CURATOR']);
    const [first, second] = await Promise.all([
      send(`add ${site.base}/tutors.html`),
      send(`add ${site.base}/tutors.html`),
    ]);
    const results = [first, second].flatMap((reply) => (reply?.kind === 'curated' ? reply.results : []));
    const added = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(added).toHaveLength(1);
    expect(refused).toEqual([
      expect.objectContaining({ message: expect.stringContaining('source id tutors-in-the-city') }),
    ]);
    expect(Object.keys(await snapshot(dir))).toEqual(['tutors-in-the-city.md']);
  });

  it('removes a source by its id, records it, and says so when the id is unknown', async () => {
    const { dir, send, reload, curations } = await curatingChat(['U0CURATOR']);
    await send(`add ${site.base}/tutors.html`);
    await reload();
    expect(await send('remove tutors-in-the-city')).toEqual({
      kind: 'curated',
      results: [{ ok: true, action: 'remove', id: 'tutors-in-the-city', title: 'Tutors in the city' }],
    });
    expect(await snapshot(dir)).toEqual({});
    expect(curations.map((event) => event.action)).toEqual(['add', 'remove']);
    await reload();
    const reply = await send('remove tutors-in-the-city');
    expect(reply?.kind === 'curated' && reply.results[0]).toMatchObject({
      ok: false,
      message: expect.stringContaining('no source with the id tutors-in-the-city'),
    });
  });
});
