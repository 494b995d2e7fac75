/** HTTP: /healthz and Slack's /slack/events on one port, with limits for unauthenticated clients. */
export {
  createHttpServer,
  HEALTH_PATH,
  type HealthReport,
  type HttpServerOptions,
  SLACK_EVENTS_PATH,
} from './http-server.js';
export { HTTP_LIMITS, type HttpLimits } from './limits.js';
export {
  BodyReader,
  type BufferedRequest,
  type Refusal,
  RequestRefusedError,
  refuseByContentLength,
  sendRefusal,
} from './read-body.js';
