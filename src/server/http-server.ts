import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What /healthz reports. */
export interface HealthReport {
  /** True when the index is loaded and every configured platform is connected. */
  healthy: boolean;
  [detail: string]: unknown;
}

export interface HttpServerOptions {
  health: () => HealthReport;
  /** Slack HTTP mode: the handler for /slack/events. */
  slackEvents?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Path of the health endpoint. */
export const HEALTH_PATH = '/healthz';
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The bot's one HTTP server: `GET /healthz` (200 or 503 with JSON detail) and, in Slack HTTP
 * mode, `/slack/events`. Everything else is 404.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      let report: HealthReport;
      try {
        report = options.health();
      } catch (error) {
        report = { healthy: false, reason: `health check failed: ${(error as Error).message}` };
      }
      res.writeHead(report.healthy ? 200 : 503, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
      return;
    }
    if (path === SLACK_EVENTS_PATH && options.slackEvents) {
      options.slackEvents(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(`${JSON.stringify({ error: 'not found', try: HEALTH_PATH })}\n`);
  });
}
