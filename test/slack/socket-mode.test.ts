import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/slack/index.js';
import { createSlackAdapter, SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { allText } from '../helpers/slack-blocks.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { captureLogger, socketModeOptions } from '../helpers/slack-harness.js';
import { mentionEvent, TEST_APP_TOKEN, TEST_BOT_TOKEN } from '../helpers/slack-signing.js';

let fake: FakeSlack;
let adapter: SlackAdapter;
const log = captureLogger();

beforeAll(async () => {
  fake = await FakeSlack.start();
  adapter = createSlackAdapter(socketModeOptions(fake), { answerer: await seedEngine(), logger: log.logger });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop(1000);
  await fake?.close();
});

function slashEnvelope(envelopeId: string, text: string, responseId: string) {
  return {
    envelope_id: envelopeId,
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      token: 'legacy-verification-token',
      team_id: 'T0FAKE',
      channel_id: 'C0SOCKET',
      user_id: 'U0ASKER',
      command: '/research',
      text,
      api_app_id: 'A0FAKE',
      response_url: fake.responseUrl(responseId),
      trigger_id: '1.2.3',
    },
  };
}

describe('slack Socket Mode', () => {
  it('opens the connection with the app token and has no httpHandler', () => {
    const [open] = fake.callsTo('apps.connections.open');
    expect(open?.authorization).toBe(`Bearer ${TEST_APP_TOKEN}`);
    expect(fake.callsTo('auth.test')[0]?.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(adapter.isConnected()).toBe(true);
    expect(adapter.httpHandler).toBeUndefined();
  });

  it('acknowledges a slash command envelope and answers through response_url', async () => {
    const sent = Date.now();
    fake.sendEnvelope(slashEnvelope('env-1', 'what did RAND find for reading?', 'socket-1'));
    const ack = await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === 'env-1'));
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(ack.envelope_id).toBe('env-1');
    const reply = await fake.waitFor(() => fake.responsesTo('socket-1')[0]);
    expect(reply.body.response_type).toBe('in_channel');
    expect(allText([reply.body])).toContain('Reading showed a similar positive trend');
  });

  it('answers a mention envelope in a thread', async () => {
    fake.sendEnvelope({
      envelope_id: 'env-2',
      type: 'events_api',
      accepts_response_payload: false,
      payload: {
        type: 'event_callback',
        team_id: 'T0FAKE',
        api_app_id: 'A0FAKE',
        event_id: 'Ev1',
        event_time: 1,
        event: mentionEvent('<@UBOT> help', 'C0SOCKMENTION', '1700001000.000100'),
      },
    });
    await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === 'env-2'));
    const post = await fake.waitFor(() =>
      fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0SOCKMENTION'),
    );
    expect(post.args.thread_ts).toBe('1700001000.000100');
    expect(allText([post.args])).toContain(SLACK_MESSAGES.usageTitle);
  });

  it('disconnects on stop() and does not reconnect', async () => {
    await adapter.stop(1000);
    expect(adapter.isConnected()).toBe(false);
    expect(adapter.status()).toBe('stopped');
    await fake.waitFor(() => fake.openSockets === 0);
    const opens = fake.callsTo('apps.connections.open').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('apps.connections.open')).toHaveLength(opens);
    expect(fake.openSockets).toBe(0);
  });

  it('never logs the tokens', () => {
    const logs = log.raw.join('\n');
    if (process.env.DUMP_SLACK_LOGS) console.log(logs);
    expect(logs).not.toContain(TEST_APP_TOKEN);
    expect(logs).not.toContain(TEST_BOT_TOKEN);
  });
});
