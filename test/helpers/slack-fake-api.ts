import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { TEST_BOT_TOKEN } from './slack-signing.js';

/** One Web API call the fake received, with its arguments decoded (JSON-looking values parsed). */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
}

/** One POST to a fake `response_url`. */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

/** One request for a private file (`url_private_download`), with what it was answered. */
export interface RecordedFileRequest {
  path: string;
  authorization: string | undefined;
  status: number;
}

/** What the fake Socket Mode server got back from the app: acks of envelopes. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

/**
 * A local stand-in for Slack: the Web API under `/api/` (auth.test, chat.postMessage,
 * apps.connections.open), `response_url`s under `/response/<id>`, private files under
 * `/files/<name>` (served only with the bot token, as Slack's `url_private_download`), and a
 * Socket Mode WebSocket server at `/socket`. It records everything and binds 127.0.0.1 on a free port.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly socketAcks: SocketAck[] = [];
  /** Every request for a private file, answered or refused. */
  readonly fileRequests: RecordedFileRequest[] = [];
  #files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  /** Methods that answer `{ ok: false, error }` instead of succeeding. */
  readonly failing = new Map<string, string>();
  /** Delay before answering a `response_url` POST, to keep answers in flight. */
  responseDelayMs = 0;
  #sockets = new Set<WebSocket>();
  #ts = 1_700_000_000;
  #listeners: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<FakeSlack> {
    const wss = new WebSocketServer({ noServer: true });
    const server = http.createServer();
    const fake = new FakeSlack(server, wss);
    server.on('request', (req, res) => fake.#handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.#onSocket(ws));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The base URL to pass as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A `response_url` for a payload; POSTs to it are recorded under `id`. */
  responseUrl(id: string): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  /**
   * Serves `bytes` at a private URL on the fake's own host (the host of `apiUrl`), as Slack does
   * at `url_private_download`: only to `Authorization: Bearer <bot token>`, 403 to anyone else.
   */
  serveFile(name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): string {
    this.#files.set(name, { bytes, contentType });
    return `${this.origin}/files/${encodeURIComponent(name)}`;
  }

  /** The requests for one private file served with `serveFile`. */
  fileRequestsFor(name: string): RecordedFileRequest[] {
    return this.fileRequests.filter((r) => r.path === `/files/${encodeURIComponent(name)}`);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): RecordedResponse[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolves with the predicate's value as soon as it is defined (re-checked on every request). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('FakeSlack.waitFor timed out');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(remaining, 50));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#listeners.push(done);
      });
    }
  }

  /** Sends a Socket Mode envelope to every connected client. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    const text = JSON.stringify(envelope);
    for (const ws of this.#sockets) ws.send(text);
  }

  get openSockets(): number {
    return [...this.#sockets].filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #notify(): void {
    for (const listener of this.#listeners.splice(0)) listener();
  }

  #onSocket(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as SocketAck;
      this.socketAcks.push(message);
      this.#notify();
    });
    ws.on('close', () => {
      this.#sockets.delete(ws);
      this.#notify();
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
    this.#notify();
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const reply = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      this.#notify();
    };
    if (url.pathname.startsWith('/response/')) {
      const id = decodeURIComponent(url.pathname.slice('/response/'.length));
      if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
      this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown> });
      reply({ ok: true });
      return;
    }
    if (url.pathname.startsWith('/files/')) {
      const file = this.#files.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
      const authorization = req.headers.authorization;
      const status = !file ? 404 : authorization === `Bearer ${TEST_BOT_TOKEN}` ? 200 : 403;
      this.fileRequests.push({ path: url.pathname, authorization, status });
      if (file && status === 200)
        res.writeHead(200, { 'content-type': file.contentType }).end(Buffer.from(file.bytes));
      else res.writeHead(status, { 'content-type': 'text/plain' }).end('not allowed');
      this.#notify();
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(raw, req.headers['content-type']);
    this.calls.push({ method, args, authorization: req.headers.authorization });
    const failure = this.failing.get(method);
    if (failure) return reply({ ok: false, error: failure });
    switch (method) {
      case 'auth.test':
        return reply({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0FAKE', user: 'research-bot' });
      case 'apps.connections.open':
        return reply({ ok: true, url: `${this.origin.replace('http', 'ws')}/socket` });
      case 'chat.postMessage':
        this.#ts += 1;
        return reply({ ok: true, channel: args.channel, ts: `${this.#ts}.000100`, message: args });
      default:
        return reply({ ok: true });
    }
  }
}

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = value.startsWith('[') || value.startsWith('{') ? JSON.parse(value) : value;
  }
  return args;
}
