import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/slack/action-values.js';
import { SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { allText } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { buttonClick, postAction, postSlashCommand } from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  app = await startHttpSlackApp(await seedEngine(), { visibility: 'ephemeral', command: '/ask' });
});

afterAll(async () => {
  await app?.close();
});

function responses(id: string, count = 1) {
  return app.fake.waitFor(() => {
    const found = app.fake.responsesTo(id);
    return found.length >= count ? found : undefined;
  });
}

/** The value of a button in a reply's actions block. */
function buttonValue(body: Record<string, unknown> | undefined, actionId: string): string {
  const blocks = (body?.blocks ?? []) as types.KnownBlock[];
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements)
      if ('action_id' in el && el.action_id === actionId && 'value' in el) return el.value ?? '';
  }
  throw new Error(`no ${actionId} button`);
}

async function askEphemerally(question: string, id: string) {
  const ack = await postSlashCommand(app.eventsUrl, {
    text: question,
    response_url: app.fake.responseUrl(id),
    command: '/ask',
  });
  expect(ack.status).toBe(200);
  const [reply] = await responses(id);
  return reply?.body;
}

describe('slack ephemeral answers', () => {
  it('answers a configured command only to the asker, with a "Share in channel" button', async () => {
    const body = await askEphemerally('what did RAND find for reading?', 'eph');
    expect(body?.response_type).toBe('ephemeral');
    expect(allText([body ?? {}])).toContain(SLACK_MESSAGES.shareInChannel);
  });

  it('posts the same answer in the channel when shared, and removes the ephemeral one', async () => {
    const body = await askEphemerally('what did RAND find for reading?', 'share-src');
    const res = await postAction(
      app.eventsUrl,
      buttonClick({
        actionId: ACTION_IDS.share,
        value: buttonValue(body, ACTION_IDS.share),
        responseUrl: app.fake.responseUrl('share'),
        ephemeral: true,
      }),
    );
    expect(res.status).toBe(200);
    const [shared, deleted] = await responses('share', 2);
    expect(shared?.body.response_type).toBe('in_channel');
    expect(allText([shared?.body ?? {}])).toContain('Reading showed a similar positive trend');
    expect(allText([shared?.body ?? {}])).not.toContain(SLACK_MESSAGES.shareInChannel);
    expect(deleted?.body).toEqual({ delete_original: true });
  });
});

describe('slack feedback', () => {
  it('thanks in place of the buttons and logs the vote with the question and excerpt ids', async () => {
    const body = await askEphemerally('what did RAND find for reading?', 'vote-src');
    const value = buttonValue(body, ACTION_IDS.feedbackUp);
    const res = await postAction(
      app.eventsUrl,
      buttonClick({
        actionId: ACTION_IDS.feedbackUp,
        value,
        responseUrl: app.fake.responseUrl('vote'),
        message: { type: 'message', ts: '1700000000.000100', text: body?.text, blocks: body?.blocks },
      }),
    );
    expect(res.status).toBe(200);
    const [update] = await responses('vote');
    expect(update?.body.replace_original).toBe(true);
    const text = allText([update?.body ?? {}]);
    expect(text).toContain(SLACK_MESSAGES.feedbackThanks('up'));
    expect(text).not.toContain(SLACK_MESSAGES.feedbackUp);
    expect(text).toContain('Reading showed a similar positive trend');
    const vote = app.log.lines.find((l) => l.msg === 'slack: feedback');
    expect(vote).toMatchObject({ vote: 'up', channel: 'C0CHANNEL', level: 30 });
    // At info level neither the question nor the user id; the question only at debug.
    expect(JSON.stringify(vote)).not.toContain('what did RAND find');
    expect(JSON.stringify(vote)).not.toContain('U0ASKER');
    expect(app.log.lines.find((l) => l.msg === 'slack: feedback question')).toMatchObject({
      level: 20,
      question: 'what did RAND find for reading?',
    });
    expect(vote?.excerptIds).toEqual(
      expect.arrayContaining([expect.stringMatching(/^the74-rand-math-scores-scaling#p\d+:\d+-\d+$/)]),
    );
  });

  it('thanks with a note of its own when the answer was ephemeral (Slack sends no blocks for those)', async () => {
    const body = await askEphemerally("What's the weather tomorrow?", 'vote-eph-src');
    await postAction(
      app.eventsUrl,
      buttonClick({
        actionId: ACTION_IDS.feedbackDown,
        value: buttonValue(body, ACTION_IDS.feedbackDown),
        responseUrl: app.fake.responseUrl('vote-eph'),
        ephemeral: true,
      }),
    );
    const [thanks] = await responses('vote-eph');
    expect(thanks?.body).toMatchObject({
      response_type: 'ephemeral',
      text: SLACK_MESSAGES.feedbackThanks('down'),
    });
    expect(app.log.lines.some((l) => l.msg === 'slack: feedback' && l.vote === 'down')).toBe(true);
  });
});
