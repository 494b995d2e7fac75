import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HealthReport } from '../../src/server/index.js';

let server: Server | undefined;

async function serve(
  health: () => HealthReport,
  slackEvents?: Parameters<typeof createHttpServer>[0]['slackEvents'],
) {
  server = createHttpServer({ health, ...(slackEvents ? { slackEvents } : {}) });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the HTTP server', () => {
  it('answers /healthz with 200 and detail when healthy', async () => {
    const base = await serve(() => ({ healthy: true, knowledge: { documents: 5 } }));
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ healthy: true, knowledge: { documents: 5 } });
  });

  it('answers /healthz with 503 and the reason when a platform is down', async () => {
    const base = await serve(() => ({
      healthy: false,
      platforms: { slack: { connected: false, status: 'reconnecting' } },
    }));
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(JSON.stringify(await response.json())).toContain('reconnecting');
  });

  it('hands /slack/events to the Slack handler and answers 404 elsewhere', async () => {
    const base = await serve(
      () => ({ healthy: true }),
      (_req, res) => {
        res.writeHead(200);
        res.end('slack');
      },
    );
    expect(await (await fetch(`${base}/slack/events`, { method: 'POST' })).text()).toBe('slack');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
