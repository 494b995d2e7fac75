import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEngine } from '../helpers/seed-engine.js';
import { type HttpSlackApp, startHttpSlackApp } from '../helpers/slack-harness.js';
import { postSlashCommand } from '../helpers/slack-signing.js';

let app: HttpSlackApp;

beforeAll(async () => {
  app = await startHttpSlackApp(await seedEngine());
});

afterAll(async () => {
  await app?.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function command(id: string, timestamp?: number, signature?: string, target: HttpSlackApp = app) {
  return postSlashCommand(
    target.eventsUrl,
    { text: 'what did RAND find for reading?', response_url: app.fake.responseUrl(id) },
    { ...(timestamp === undefined ? {} : { timestamp }), ...(signature ? { signature } : {}) },
  );
}

function commandTo(target: HttpSlackApp, id: string, signature?: string) {
  return command(id, undefined, signature, target);
}

describe('slack request timestamps', () => {
  it('refuses a correctly signed request dated 10 minutes in the future with 401, answering nothing', async () => {
    const res = await command('future', nowSeconds() + 600);
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.fake.responsesTo('future')).toEqual([]);
  });

  it('refuses one dated 10 minutes ago with 401', async () => {
    expect((await command('past', nowSeconds() - 600)).status).toBe(401);
  });

  it('accepts clocks up to a few minutes apart, either way', async () => {
    expect((await command('ahead', nowSeconds() + 120)).status).toBe(200);
    expect((await command('behind', nowSeconds() - 120)).status).toBe(200);
    await app.fake.waitFor(() => app.fake.responsesTo('ahead')[0]);
  });
});

describe('slack request bodies', () => {
  it('refuses a body declared over 256 KiB with 413 before reading it, signed or not', async () => {
    const url = new URL(app.eventsUrl);
    const socket = connect(Number(url.port), url.hostname);
    socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: ${nowSeconds()}\r\nX-Slack-Signature: v0=00\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n{`,
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'close');
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 413 /);
  });
});

describe('logging refused requests under a flood', () => {
  it('logs the first refusal from an address, then one summary with the count, not a line per request', async () => {
    // A bot of its own, so no earlier refusal shares the window.
    const flooded = await startHttpSlackApp(await seedEngine(), {}, app.fake);
    const before = flooded.log.lines.length;
    const forged = 'v0=0000000000000000000000000000000000000000000000000000000000000000';
    for (let i = 0; i < 300; i += 20) {
      const batch = Array.from({ length: 20 }, () => commandTo(flooded, 'flood', forged));
      for (const res of await Promise.all(batch)) expect(res.status).toBe(401);
    }
    const during = flooded.log.lines.slice(before);
    const refused = during.filter((line) => line.msg === 'request refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      status: 401,
      reason: 'signature mismatch',
      source: expect.any(String),
    });
    // Nothing else about the flood: neither Bolt's nor our own warnings, one per request.
    expect(during.filter((line) => Number(line.level) >= 40)).toHaveLength(1);

    // A real question is still answered during the flood.
    const asked = await commandTo(flooded, 'real-question');
    expect(asked.status).toBe(200);
    await app.fake.waitFor(() => app.fake.responsesTo('real-question')[0]);

    await flooded.close();
    const summary = flooded.log.lines.slice(before).filter((line) => line.msg === 'more requests refused');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ count: 299, reasons: { '401 signature mismatch': 299 } });
  });
});
