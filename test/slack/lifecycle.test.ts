import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotError, ErrorCode } from '../../src/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { createSlackAdapter, SLACK_MESSAGES } from '../../src/slack/index.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { FakeSlack } from '../helpers/slack-fake-api.js';
import { startHttpSlackApp } from '../helpers/slack-harness.js';
import { postSlashCommand, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-signing.js';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
});

afterAll(async () => {
  await fake?.close();
});

describe('slack adapter lifecycle', () => {
  it('refuses HTTP mode without a signing secret, naming SLACK_SIGNING_SECRET and where it lives', () => {
    expect(() =>
      createSlackAdapter(
        { botToken: TEST_BOT_TOKEN },
        { answerer: { answer: () => ({}) as never }, logger: silentLogger() },
      ),
    ).toThrow(/SLACK_SIGNING_SECRET.*Basic Information → App Credentials/);
  });

  it('opens no port of its own in HTTP mode and turns requests away until started', async () => {
    const adapter = createSlackAdapter(
      { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl },
      { answerer: await seedEngine(), logger: silentLogger() },
    );
    expect(adapter.isConnected()).toBe(false);
    expect(adapter.status()).toBe('not started');
    const server = http.createServer(adapter.httpHandler);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const res = await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, {
      text: 'x',
      response_url: fake.responseUrl('early'),
    });
    expect(res.status).toBe(503);
    const other = await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: 'POST' });
    expect(other.status).toBe(503);
    await adapter.start();
    const notOurs = await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: 'POST' });
    expect(notOurs.status).toBe(404);
    await adapter.stop();
    await adapter.stop();
    expect(adapter.status()).toBe('stopped');
    server.closeAllConnections();
    server.close();
  });

  it('fails to start with a clear error when Slack rejects the bot token', async () => {
    fake.failing.set('auth.test', 'invalid_auth');
    try {
      const adapter = createSlackAdapter(
        { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl },
        { answerer: await seedEngine(), logger: silentLogger() },
      );
      const error = await adapter.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BotError);
      expect((error as BotError).code).toBe(ErrorCode.SlackStartFailed);
      expect((error as Error).message).toMatch(/invalid_auth.*SLACK_BOT_TOKEN/);
      expect((error as Error).message).not.toContain(TEST_BOT_TOKEN);
      expect(adapter.isConnected()).toBe(false);
      await adapter.stop();
    } finally {
      fake.failing.delete('auth.test');
    }
  });

  it('waits for answers in flight when stopping, telling new askers it is restarting, then turns requests away', async () => {
    const app = await startHttpSlackApp(await seedEngine(), {}, fake);
    fake.responseDelayMs = 300;
    try {
      const ack = await postSlashCommand(app.eventsUrl, {
        text: 'who funded the study?',
        response_url: fake.responseUrl('inflight'),
      });
      expect(ack.status).toBe(200);
      const stopped = app.adapter.stop(5000);
      const during = await postSlashCommand(app.eventsUrl, {
        text: 'x',
        response_url: fake.responseUrl('during'),
      });
      expect(during.status).toBe(200);
      expect(JSON.parse(during.body)).toMatchObject({
        response_type: 'ephemeral',
        text: SLACK_MESSAGES.restarting,
      });
      await stopped;
      expect(fake.responsesTo('inflight')).toHaveLength(1);
      expect(fake.responsesTo('during')).toHaveLength(0);
      expect(app.adapter.isConnected()).toBe(false);
      const late = await postSlashCommand(app.eventsUrl, {
        text: 'x',
        response_url: fake.responseUrl('late'),
      });
      expect(late.status).toBe(503);
    } finally {
      fake.responseDelayMs = 0;
      await app.close();
    }
  });

  it('stops within the grace period even when an answer is still being sent', async () => {
    const app = await startHttpSlackApp(await seedEngine(), {}, fake);
    fake.responseDelayMs = 3000;
    try {
      await postSlashCommand(app.eventsUrl, {
        text: 'who funded the study?',
        response_url: fake.responseUrl('slow'),
      });
      const started = Date.now();
      await app.adapter.stop(100);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(app.log.lines.some((l) => l.msg === 'slack: stopped before every answer was sent')).toBe(true);
    } finally {
      fake.responseDelayMs = 0;
      await app.close();
    }
  });
});
