import { once } from 'node:events';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusalLog } from '../../src/log/refusal-log.js';
import {
  BodyReader,
  createHttpServer,
  HTTP_LIMITS,
  RequestRefusedError,
  sendRefusal,
} from '../../src/server/index.js';
import { captureLogger } from '../helpers/slack-harness.js';

const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Opens a raw connection, writes `text`, and collects whatever comes back until it closes. */
function rawRequest(port: number, text: string): { socket: Socket; reply: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.write(text);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const reply = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', () => undefined);
  });
  return { socket, reply };
}

const health = () => ({ healthy: true });

describe('the HTTP server with unauthenticated clients', () => {
  it('answers 413 from the Content-Length alone, without waiting for the body, and closes', async () => {
    const port = await listen(createHttpServer({ health, slackEvents: () => undefined }));
    const started = Date.now();
    const { reply } = rawRequest(
      port,
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n{"a":`,
    );
    expect(await reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 408 and closes a connection whose headers stall', async () => {
    const port = await listen(
      createHttpServer({
        health,
        limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 },
      }),
    );
    const started = Date.now();
    const { reply } = rawRequest(port, 'POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Stalled: ');
    expect(await reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('closes connections beyond the cap at once, and logs them once, aggregated', async () => {
    const log = captureLogger();
    const refusals = new RefusalLog(log.logger);
    const port = await listen(createHttpServer({ health, refusals, limits: { maxConnections: 3 } }));
    const held = Array.from({ length: 3 }, () => rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = Array.from({ length: 5 }, () =>
      rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
    );
    for (const { reply } of extra) expect(await reply).toBe('');
    for (const { socket } of held) socket.destroy();
    refusals.flush();
    expect(log.lines.filter((line) => line.msg === 'request refused')).toHaveLength(1);
    expect(log.lines.find((line) => line.msg === 'more requests refused')).toMatchObject({ count: 4 });
  });

  it('keeps the documented limits: 256 KiB bodies, seconds for headers and bodies, a connection cap', () => {
    expect(HTTP_LIMITS.maxBodyBytes).toBe(256 * 1024);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_LIMITS.bodyTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_LIMITS.maxConnections).toBeGreaterThan(1000);
    expect(HTTP_LIMITS.maxBodiesInFlight * HTTP_LIMITS.maxBodyBytes).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});

describe('reading a request body within limits', () => {
  /** A server that reads each body with `reader` and answers its size, or the refusal. */
  async function bodyServer(reader: BodyReader): Promise<number> {
    return listen(
      http.createServer((req: IncomingMessage, res: ServerResponse) => {
        reader.read(req).then(
          (buffered) => res.end(String(buffered.rawBody.length)),
          (error: unknown) => {
            if (error instanceof RequestRefusedError) sendRefusal(req, res, error.refusal);
            else res.writeHead(500).end();
          },
        );
      }),
    );
  }

  it('reads a body within the limit whole', async () => {
    const port = await bodyServer(
      new BodyReader({ maxBodyBytes: 1000, bodyTimeoutMs: 1000, maxBodiesInFlight: 2 }),
    );
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await res.text()).toBe('1000');
  });

  it('answers 408 when the body stalls past its time', async () => {
    const port = await bodyServer(
      new BodyReader({ maxBodyBytes: 1000, bodyTimeoutMs: 200, maxBodiesInFlight: 2 }),
    );
    const { reply } = rawRequest(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part');
    expect(await reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 413 once a body without a length grows past the limit', async () => {
    const port = await bodyServer(
      new BodyReader({ maxBodyBytes: 1000, bodyTimeoutMs: 2000, maxBodiesInFlight: 2 }),
    );
    const chunk = 'x'.repeat(600);
    const { reply } = rawRequest(
      port,
      `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n`,
    );
    expect(await reply).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('gives the oldest stalled body up (408) to make room when every slot is taken, and reads the newcomer', async () => {
    const reader = new BodyReader({ maxBodyBytes: 1000, bodyTimeoutMs: 5000, maxBodiesInFlight: 2 });
    const port = await bodyServer(reader);
    const stalled = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nx';
    const first = rawRequest(port, stalled);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = rawRequest(port, stalled);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reader.reading).toBe(2);
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'y'.repeat(10) });
    expect(await res.text()).toBe('10');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await first.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reader.reading).toBe(1);
    second.socket.destroy();
  });
});
