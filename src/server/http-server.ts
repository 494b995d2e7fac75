import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Socket } from 'node:net';
import type { RefusalLog } from '../log/refusal-log.js';
import { HTTP_LIMITS, type HttpLimits } from './limits.js';
import { refuseByContentLength, sendRefusal } from './read-body.js';

/** What /healthz reports. */
export interface HealthReport {
  /** True when the index is loaded and every configured platform is connected. */
  healthy: boolean;
  [detail: string]: unknown;
}

export interface HttpServerOptions {
  /** The report; a promise where it asks a database (the knowledge in PostgreSQL). */
  health: () => HealthReport | Promise<HealthReport>;
  /** Slack HTTP mode: the handler for /slack/events. It reads (within limits) and verifies the body itself. */
  slackEvents?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Where refused requests and connections are counted and logged (aggregated). Default: not logged. */
  refusals?: RefusalLog;
  /** Default HTTP_LIMITS; tests shorten the timeouts. */
  limits?: Partial<HttpLimits>;
}

/** Path of the health endpoint. */
export const HEALTH_PATH = '/healthz';
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The bot's one HTTP server: `GET /healthz` (200 or 503 with JSON detail) and, in Slack HTTP
 * mode, `/slack/events`. Everything else is 404. Unauthenticated clients are bounded by
 * HTTP_LIMITS: headers within seconds (else 408), no body over the size limit (413 from the
 * Content-Length alone), a cap on open connections; each refusal is logged through `refusals`.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const limits = { ...HTTP_LIMITS, ...options.limits };
  const refusals = options.refusals;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const tooLarge = refuseByContentLength(req, limits.maxBodyBytes);
      if (tooLarge) {
        refusals?.record(req.socket.remoteAddress, tooLarge.status, tooLarge.reason);
        sendRefusal(req, res, tooLarge);
        return;
      }
      if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        const failed = (error: unknown): HealthReport => ({
          healthy: false,
          reason: `health check failed: ${(error as Error).message}`,
        });
        const send = (report: HealthReport) => {
          res.writeHead(report.healthy ? 200 : 503, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          });
          res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
        };
        try {
          void Promise.resolve(options.health()).then(send, (error: unknown) => send(failed(error)));
        } catch (error) {
          send(failed(error));
        }
        return;
      }
      if (path === SLACK_EVENTS_PATH && options.slackEvents) {
        options.slackEvents(req, res);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ error: 'not found', try: HEALTH_PATH })}\n`);
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on('drop', (data?: { remoteAddress?: string }) =>
    refusals?.record(data?.remoteAddress, 503, `over ${limits.maxConnections} open connections`),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    answerClientError(error, socket, refusals);
  });
  return server;
}

/**
 * Node's default answer to a malformed or too slow request (400 / 408 / 431, then close), plus
 * a log line through the refusal log. A reset connection is just closed.
 */
function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Socket,
  refusals: RefusalLog | undefined,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const reason =
    status === 408
      ? 'request not received in time'
      : status === 431
        ? 'request headers too large'
        : `malformed request (${error.code ?? 'parse error'})`;
  refusals?.record(socket.remoteAddress, status, reason);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    () => socket.destroy(),
  );
}
