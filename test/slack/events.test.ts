import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { allText } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { directMessageEvent, mentionEvent, postEvent } from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  app = await startHttpSlackApp(await seedEngine());
});

afterAll(async () => {
  await app?.close();
});

/** The chat.postMessage calls made to a channel so far. */
function postsTo(channel: string) {
  return app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
}

function waitForPost(channel: string) {
  return app.fake.waitFor(() => postsTo(channel)[0]);
}

let markers = 0;
/** Posts the events, then a DM that is answered; once it is, none of the events may have been. */
async function expectIgnored(events: Record<string, unknown>[]): Promise<void> {
  for (const event of events) expect((await postEvent(app.eventsUrl, event)).status).toBe(200);
  const marker = `D0MARKER${markers++}`;
  await postEvent(app.eventsUrl, directMessageEvent('help', marker, '1700000990.000100'));
  await waitForPost(marker);
  expect(events.flatMap((event) => postsTo(String(event.channel)))).toEqual([]);
}

describe('slack @mentions', () => {
  it('answers a mention in a thread under it', async () => {
    const res = await postEvent(
      app.eventsUrl,
      mentionEvent('<@UBOT> what did RAND find for reading?', 'C0MENTION', '1700000100.000100'),
    );
    expect(res.status).toBe(200);
    const post = await waitForPost('C0MENTION');
    expect(post.args.thread_ts).toBe('1700000100.000100');
    expect(post.authorization).toBe('Bearer xoxb-test-bot-token-1111');
    const text = allText([post.args]);
    expect(text).toContain('Reading showed a similar positive trend');
    expect(text).toContain(SLACK_MESSAGES.asked('<@U0ASKER>', 'what did RAND find for reading?'));
  });

  it('answers a later mention inside that thread in the same thread', async () => {
    await postEvent(
      app.eventsUrl,
      mentionEvent('and <@UBOT> who funded the study?', 'C0THREAD', '1700000200.000100', {
        user: 'U0OTHER',
        thread_ts: '1700000100.000100',
      }),
    );
    const post = await waitForPost('C0THREAD');
    expect(post.args.thread_ts).toBe('1700000100.000100');
    expect(allText([post.args])).toContain('*<@U0OTHER> asked:* and who funded the study?');
  });

  it('answers a bare mention with usage', async () => {
    await postEvent(app.eventsUrl, mentionEvent('<@UBOT>', 'C0BARE', '1700000300.000100'));
    const post = await waitForPost('C0BARE');
    expect(allText([post.args])).toContain(SLACK_MESSAGES.usageTitle);
  });

  it('ignores mentions by bots', async () => {
    await expectIgnored([
      mentionEvent('<@UBOT> what did RAND find?', 'C0BOTS', '1700000400.000100', {
        user: 'U0BOT2',
        bot_id: 'B0OTHER',
      }),
    ]);
  });
});

describe('slack direct messages', () => {
  it('answers a DM in the DM', async () => {
    await postEvent(
      app.eventsUrl,
      directMessageEvent('What challenges did teachers report?', 'D0DM', '1700000500.000100'),
    );
    const post = await waitForPost('D0DM');
    expect(post.args.thread_ts).toBeUndefined();
    expect(allText([post.args])).toContain('What challenges did teachers report?');
    expect(allText([post.args])).toContain(SLACK_MESSAGES.footer);
  });

  it('ignores edits, its own messages and messages outside DMs', async () => {
    const ts = '1700000600.000100';
    await expectIgnored([
      directMessageEvent('hi', 'D0EDIT', ts, { subtype: 'message_changed' }),
      directMessageEvent('hi', 'D0SELF', ts, { bot_id: 'BBOT', user: 'UBOT' }),
      directMessageEvent('hi', 'C0PLAIN', ts, { channel_type: 'channel' }),
    ]);
  });
});
