import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/index.js';
import { CHAT_MESSAGES } from '../../src/chat/index.js';
import { formatCitation } from '../../src/cite/index.js';
import { ACTION_IDS } from '../../src/slack/action-values.js';
import { SLACK_LIMITS } from '../../src/slack/index.js';
import { researchEngine } from '../helpers/research-engine.js';
import { allText, blockTexts } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import {
  mentionEvent,
  postAction,
  postEvent,
  postSlashCommand,
  selectChoice,
} from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  const engine = await researchEngine();
  app = await startHttpSlackApp(engine, {}, undefined, {
    research: { channelSources: { C0FUNDING: ['citydaily'] } },
  });
});

afterAll(async () => {
  await app?.close();
});

async function command(text: string, id: string, channel = 'C0CHANNEL') {
  await postSlashCommand(app.eventsUrl, {
    text,
    response_url: app.fake.responseUrl(id),
    channel_id: channel,
  });
  const [reply] = await app.fake.waitFor(() => {
    const found = app.fake.responsesTo(id);
    return found.length > 0 ? found : undefined;
  });
  return reply?.body ?? {};
}

let nextTs = 1700001000;
/** Posts an @mention (in `thread`, when given) and waits for the bot's reply in that thread. */
async function mention(text: string, channel: string, thread?: string) {
  const ts = `${nextTs++}.000100`;
  const before = app.fake.callsTo('chat.postMessage').length;
  await postEvent(
    app.eventsUrl,
    mentionEvent(`<@UBOT> ${text}`, channel, ts, thread ? { thread_ts: thread } : {}),
  );
  const post = await app.fake.waitFor(() => app.fake.callsTo('chat.postMessage').slice(before)[0]);
  return { ts, text: allText([post.args]), args: post.args };
}

function quotesOf(body: Record<string, unknown>): string[] {
  return blockTexts((body.blocks ?? []) as types.KnownBlock[]).filter((text) => text.startsWith('> '));
}

describe('slack: choosing sources', () => {
  it('answers /research with from: only from that source, and says so', async () => {
    const body = await command('from:"Learning Report" what did tutors say was the hardest part?', 'from');
    const text = allText([body]);
    expect(text).toContain('keeping the same pupils together');
    expect(text).toContain(CHAT_MESSAGES.onlyFrom('The Learning Report', null));
    expect(text).not.toContain('Field Notes');
  });

  it('answers a mention with since: only from sources dated since then', async () => {
    const reply = await mention('since:2019 who pays for tutoring?', 'C0SINCE');
    expect(reply.text).toContain('Harbor Foundation');
    expect(reply.text).toContain(CHAT_MESSAGES.onlySince('2019-01-01'));
  });

  it('keeps a channel tied to its sources, for commands and mentions alike', async () => {
    const inChannel = await command('what did the tutoring study find for math?', 'chan', 'C0FUNDING');
    expect(allText([inChannel])).toContain(ANSWER_MESSAGES.notCoveredWithTopics);
    expect(allText([inChannel])).toContain('Foundation Grant Pays for Tutoring Program');
    expect(allText([inChannel])).not.toContain('Tutoring Gazette');
    expect(quotesOf(inChannel)).toEqual([]);
    const elsewhere = await command('what did the tutoring study find for math?', 'open', 'C0OTHER');
    expect(allText([elsewhere])).toContain('eight percentile points');
    const mentioned = await mention('who pays for tutoring?', 'C0FUNDING');
    expect(mentioned.text).toContain('Harbor Foundation');
    expect(mentioned.text).toContain(CHAT_MESSAGES.onlyFrom('City Daily', null));
  });

  it('says which filter matched nothing instead of answering from everything', async () => {
    const body = await command('from:nowhere what did tutors find?', 'none');
    expect(allText([body])).toContain('No source matches from:nowhere');
  });
});

describe('slack: the sources list', () => {
  it('lists title, publisher, date and passages for /research sources and @bot sources', async () => {
    const body = await command('sources', 'list');
    const text = allText([body]);
    expect(text).toContain('*Sources* (1–4 of 4)');
    expect(text).toContain(
      'Daily Tutoring Lifts Math Scores in Riverside Study* — Tutoring Gazette, 14 March 2016, 4 passages',
    );
    const reply = await mention('sources', 'C0LIST');
    expect(reply.text).toContain('Untitled article, Field Notes');
  });

  it('pages a 500-source knowledge base, each page one message within Slack limits', async () => {
    const { generatedDocuments } = await import('../helpers/research-engine.js');
    const big = await startHttpSlackApp({ answer: () => ({}) as never, documents: generatedDocuments(500) });
    try {
      for (const page of [1, 2, 25, 26]) {
        await postSlashCommand(big.eventsUrl, {
          text: `sources ${page}`,
          response_url: big.fake.responseUrl(`p${page}`),
        });
        const [reply] = await big.fake.waitFor(() => {
          const found = big.fake.responsesTo(`p${page}`);
          return found.length > 0 ? found : undefined;
        });
        const blocks = (reply?.body.blocks ?? []) as types.KnownBlock[];
        expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
        for (const text of blockTexts(blocks))
          expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        const text = allText([reply?.body ?? {}]);
        const shown = Math.min(page, 25);
        expect(text).toContain(`of 500, page ${shown} of 25)`);
        if (shown < 25) expect(text).toContain(`/research sources ${shown + 1}`);
        else expect(text).not.toContain('More:');
      }
    } finally {
      await big.close();
    }
  });
});

describe('slack: cite', () => {
  it('offers APA, MLA and Chicago under every quote and answers a choice privately with citation-js output', async () => {
    const body = await command('what did the tutoring study find for math?', 'cite-src');
    const menus = ((body.blocks ?? []) as types.KnownBlock[]).filter(
      (block): block is types.ActionsBlock =>
        block.type === 'actions' && block.block_id?.startsWith('research_cite_') === true,
    );
    expect(menus.length).toBe(quotesOf(body).length);
    const select = menus[0]?.elements[0] as types.StaticSelect;
    expect(select.options?.map((option) => option.text.text)).toEqual([
      'APA (7th ed.)',
      'MLA (9th ed.)',
      'Chicago (17th ed.)',
    ]);
    const mla = select.options?.[1]?.value ?? '';
    await postAction(
      app.eventsUrl,
      selectChoice({
        actionId: ACTION_IDS.cite,
        blockId: menus[0]?.block_id ?? '',
        value: mla,
        responseUrl: app.fake.responseUrl('cited'),
      }),
    );
    const [reply] = await app.fake.waitFor(() => {
      const found = app.fake.responsesTo('cited');
      return found.length > 0 ? found : undefined;
    });
    const { documents } = await researchEngine();
    const gazette = documents.find((document) => document.meta.id === 'gazette-tutoring-math');
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.text).toBe(formatCitation(gazette?.meta ?? ({} as never), 'mla'));
    expect(reply?.body.text).toBe(
      'Ruiz, Ana. “Daily Tutoring Lifts Math Scores in Riverside Study.” Tutoring Gazette, 14 Mar. 2016, https://gazette.example/tutoring-math.',
    );
  });
});

describe('slack: follow-ups in a thread', () => {
  it('carries the topic into a follow-up, starts clean on a new topic, and keeps threads apart', async () => {
    const first = await mention('What did the tutoring study find for math?', 'C0TALK');
    expect(first.text).toContain('eight percentile points');
    const thread = first.ts;

    const followUp = await mention('and for reading?', 'C0TALK', thread);
    expect(followUp.args.thread_ts).toBe(thread);
    expect(followUp.text).toContain(CHAT_MESSAGES.followUp('tutoring study find'));
    expect(followUp.text).toContain('For reading, the same tutoring study found smaller gains');

    const newTopic = await mention('Who pays for the tutoring program?', 'C0TALK', thread);
    expect(newTopic.text).not.toContain('from earlier');
    expect(newTopic.text).toContain('Harbor Foundation');

    const otherThread = await mention('and for reading?', 'C0TALK');
    expect(otherThread.text).not.toContain('from earlier');
  });

  it('logs each answer at info level, without the question or the user id', async () => {
    const before = app.log.lines.length;
    await command('what did tutors say was the hardest part?', 'logged');
    await mention('What did the tutoring study find for math?', 'C0LOGGED');
    const logged = app.log.lines.slice(before);
    const answers = logged.filter((line) => String(line.msg).startsWith('question ') && line.level === 30);
    expect(answers.map((line) => line.kind)).toEqual(['slash_command', 'app_mention']);
    const raw = JSON.stringify(app.log.lines.filter((line) => (line.level as number) >= 30));
    expect(raw).not.toContain('U0ASKER');
    expect(raw).not.toContain('tutoring study find');
    expect(raw).not.toContain('hardest part');
  });
});
