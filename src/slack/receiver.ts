import { type Logger as BoltLogger, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { ResolvedSlackOptions } from './options.js';

/** The path Slack posts events, slash commands and interactivity to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The Bolt receiver for the configured mode. The HTTP receiver is never started: it opens no
 * port of its own; its request listener is mounted by the shared HTTP server instead.
 */
export function createReceiver(
  options: ResolvedSlackOptions,
  logger: BoltLogger,
): { mode: 'http'; receiver: HTTPReceiver } | { mode: 'socket'; receiver: SocketModeReceiver } {
  if (options.mode === 'socket') {
    return {
      mode: 'socket',
      receiver: new SocketModeReceiver({
        appToken: options.appToken ?? '',
        logger,
        // The Socket Mode client calls apps.connections.open with its own Web API client.
        installerOptions: { clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {} },
      }),
    };
  }
  return {
    mode: 'http',
    receiver: new HTTPReceiver({
      signingSecret: options.signingSecret ?? '',
      endpoints: SLACK_EVENTS_PATH,
      logger,
      processBeforeResponse: false,
    }),
  };
}
