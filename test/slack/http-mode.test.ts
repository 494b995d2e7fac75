import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, EXAMPLE_QUESTIONS } from '../../src/answer/index.js';
import { SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { allText } from '../helpers/slack-blocks.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import {
  postSigned,
  postSlashCommand,
  slashCommandBody,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  app = await startHttpSlackApp(await seedEngine());
});

afterAll(async () => {
  await app?.close();
});

function command(text: string, id: string) {
  return postSlashCommand(app.eventsUrl, { text, response_url: app.fake.responseUrl(id) });
}

function responses(id: string) {
  return app.fake.waitFor(() => {
    const found = app.fake.responsesTo(id);
    return found.length > 0 ? found : undefined;
  });
}

describe('slack slash command over HTTP', () => {
  it('checks the bot token with auth.test against SLACK_API_URL when it starts', () => {
    const [call] = app.fake.callsTo('auth.test');
    expect(call?.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(app.adapter.isConnected()).toBe(true);
    expect(app.adapter.status()).toBeUndefined();
  });

  it('acknowledges within 3 seconds and posts the answer in the channel', async () => {
    const ack = await command('what did RAND find for reading?', 'rand');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    const [reply] = await responses('rand');
    expect(reply?.body.response_type).toBe('in_channel');
    const text = allText([reply?.body ?? {}]);
    expect(text).toContain(SLACK_MESSAGES.asked('<@U0ASKER>', 'what did RAND find for reading?'));
    expect(text).toContain('Reading showed a similar positive trend');
    expect(text).toContain('The 74');
    expect(text).toContain(SLACK_MESSAGES.footer);
  });

  it('says when the sources do not cover a question, and what they cover', async () => {
    await command("What's the weather tomorrow?", 'weather');
    const [reply] = await responses('weather');
    const text = allText([reply?.body ?? {}]);
    expect(text).toContain(ANSWER_MESSAGES.notCoveredWithTopics);
    expect(text).toContain('• ');
  });

  it('answers empty text with usage and three example questions, only to the asker', async () => {
    const ack = await command('', 'empty');
    expect(ack.status).toBe(200);
    const [reply] = await responses('empty');
    expect(reply?.body.response_type).toBe('ephemeral');
    for (const q of EXAMPLE_QUESTIONS) expect(allText([reply?.body ?? {}])).toContain(q);
  });

  it('answers "help" with usage', async () => {
    await command('help', 'help');
    const [reply] = await responses('help');
    expect(allText([reply?.body ?? {}])).toContain(SLACK_MESSAGES.usageTitle);
  });

  it('acknowledges a 5,000-character question at once and says it was shortened', async () => {
    const long = `What did RAND find for reading? ${'and more '.repeat(600)}`.slice(0, 5000);
    const ack = await command(long, 'long');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    const [reply] = await responses('long');
    expect(allText([reply?.body ?? {}])).toContain(ANSWER_MESSAGES.trimmed(1000));
  });

  it('acknowledges and answers 50 concurrent commands', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `many-${i}`);
    const acks = await Promise.all(ids.map((id) => command('Who funded the study?', id)));
    expect(acks.every((a) => a.status === 200 && a.ms < 3000)).toBe(true);
    await app.fake.waitFor(() => ids.every((id) => app.fake.responsesTo(id).length > 0), 10_000);
    for (const id of ids) expect(app.fake.responsesTo(id)[0]?.body.response_type).toBe('in_channel');
  });

  it('rejects a forged signature with 401 and answers nothing', async () => {
    const res = await postSlashCommand(
      app.eventsUrl,
      { text: 'forged', response_url: app.fake.responseUrl('forged') },
      { secret: 'not-the-secret' },
    );
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.fake.responsesTo('forged')).toEqual([]);
  });

  it('rejects a request signed 10 minutes ago with 401', async () => {
    const res = await postSlashCommand(
      app.eventsUrl,
      { text: 'stale', response_url: app.fake.responseUrl('stale') },
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
    );
    expect(res.status).toBe(401);
  });

  it('rejects a body changed after signing with 401', async () => {
    const body = slashCommandBody({ text: 'original', response_url: app.fake.responseUrl('changed') });
    const timestamp = Math.floor(Date.now() / 1000);
    const { slackSignature } = await import('../helpers/slack-signing.js');
    const signature = slackSignature(TEST_SIGNING_SECRET, timestamp, body);
    const res = await postSigned(
      app.eventsUrl,
      body.replace('original', 'changed!'),
      'application/x-www-form-urlencoded',
      {
        timestamp,
        signature,
      },
    );
    expect(res.status).toBe(401);
  });

  it('answers Slack URL verification with the challenge', async () => {
    const res = await postSigned(
      app.eventsUrl,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('abc123');
  });

  it('never logs the bot token or the signing secret', () => {
    const logs = app.log.raw.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TEST_BOT_TOKEN);
    expect(logs).not.toContain(TEST_SIGNING_SECRET);
  });
});
