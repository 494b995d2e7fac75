/** HTTP: /healthz and Slack's /slack/events on one port. */
export {
  createHttpServer,
  HEALTH_PATH,
  type HealthReport,
  type HttpServerOptions,
  SLACK_EVENTS_PATH,
} from './http-server.js';
