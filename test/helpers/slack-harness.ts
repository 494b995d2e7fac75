import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { PlatformAdapter } from '../../src/adapter.js';
import type { QuestionAnswerer } from '../../src/answer/index.js';
import type { Logger } from '../../src/log/logger.js';
import type { SlackDeps } from '../../src/slack/adapter.js';
import { createSlackAdapter, type SlackOptions } from '../../src/slack/index.js';
import { FakeSlack } from './slack-fake-api.js';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-signing.js';

/** A pino logger that keeps every line (parsed) in memory, for assertions about logs. */
export function captureLogger(level = 'debug'): {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  raw: string[];
} {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = pino(
    { level, redact: { paths: ['token', '*.token'], censor: '[redacted]' } },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines, raw };
}

export interface HttpSlackApp {
  fake: FakeSlack;
  adapter: PlatformAdapter;
  /** `http://127.0.0.1:<port>/slack/events` on the test's own server, where httpHandler is mounted. */
  eventsUrl: string;
  log: ReturnType<typeof captureLogger>;
  close(): Promise<void>;
}

/**
 * A started HTTP-mode adapter against a fake Slack, its `httpHandler` mounted at /slack/events
 * on a server of the test's own (as src/server does), beside a /healthz that reports status.
 */
export async function startHttpSlackApp(
  answerer: QuestionAnswerer,
  options: Partial<SlackOptions> = {},
  fake?: FakeSlack,
  deps: Partial<Omit<SlackDeps, 'answerer' | 'logger'>> = {},
): Promise<HttpSlackApp> {
  const slack = fake ?? (await FakeSlack.start());
  const log = captureLogger();
  const adapter = createSlackAdapter(
    { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: slack.apiUrl, ...options },
    { answerer, logger: log.logger, ...deps },
  );
  const handler = adapter.httpHandler;
  if (!handler) throw new Error('HTTP mode adapter has no httpHandler');
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/slack/events')) return handler(req, res);
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ slack: adapter.isConnected(), status: adapter.status() ?? null }));
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  await adapter.start();
  const { port } = server.address() as AddressInfo;
  return {
    fake: slack,
    adapter,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    log,
    async close() {
      await adapter.stop(2000);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!fake) await slack.close();
    },
  };
}

/** Options for a Socket Mode adapter against the fake. */
export function socketModeOptions(fake: FakeSlack, options: Partial<SlackOptions> = {}): SlackOptions {
  return { botToken: TEST_BOT_TOKEN, appToken: TEST_APP_TOKEN, apiUrl: fake.apiUrl, ...options };
}
