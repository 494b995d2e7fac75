import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createHttpServer,
  HEALTH_PATH,
  type HttpServerOptions,
  SLACK_EVENTS_PATH,
} from '../../src/server/index.js';

const servers: Server[] = [];

async function serve(options: HttpServerOptions): Promise<string> {
  const server = createHttpServer(options);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

describe('the HTTP server', () => {
  it('answers /healthz with 200 and the JSON report when healthy', async () => {
    const base = await serve({ health: () => ({ healthy: true, knowledge: { documents: 5 } }) });
    const response = await fetch(`${base}${HEALTH_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ healthy: true, knowledge: { documents: 5 } });
  });

  it('answers /healthz with 503 and the reason when unhealthy, whatever its query string', async () => {
    const base = await serve({
      health: () => ({ healthy: false, platforms: { slack: { connected: false, status: 'reconnecting' } } }),
    });
    const response = await fetch(`${base}${HEALTH_PATH}?probe=1`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      healthy: false,
      platforms: { slack: { connected: false, status: 'reconnecting' } },
    });
  });

  it('answers /healthz with 503 and the reason when the health check itself throws', async () => {
    const base = await serve({
      health: () => {
        throw new Error('index not loaded');
      },
    });
    const response = await fetch(`${base}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      healthy: false,
      reason: 'health check failed: index not loaded',
    });
  });

  it('answers an unknown path with 404', async () => {
    const base = await serve({ health: () => ({ healthy: true }) });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('answers /slack/events with 404 when Slack HTTP mode is off', async () => {
    const base = await serve({ health: () => ({ healthy: true }) });
    expect((await fetch(`${base}${SLACK_EVENTS_PATH}`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('hands /slack/events to the Slack handler', async () => {
    const slackEvents = vi.fn<NonNullable<HttpServerOptions['slackEvents']>>((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('handled by slack');
    });
    const base = await serve({ health: () => ({ healthy: true }), slackEvents });
    const response = await fetch(`${base}${SLACK_EVENTS_PATH}`, { method: 'POST', body: '{"type":"x"}' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('handled by slack');
    expect(slackEvents).toHaveBeenCalledTimes(1);
    expect(slackEvents.mock.calls[0]?.[0].method).toBe('POST');
  });
});
