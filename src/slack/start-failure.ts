import { hostOf, networkErrorCode } from '../network-error.js';

/** Web API errors that mean Slack refused the token itself. */
const REFUSED_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
]);

const DEFAULT_API_URL = 'https://slack.com/api/';

/** Which start-up step failed: checking the bot token (auth.test), or opening the Socket Mode connection (app token). */
export type SlackStartStep = 'bot-token' | 'socket';

/**
 * One plain sentence for a Slack adapter that could not start: what failed and what to do.
 * A network failure (DNS, refused connection, proxy, TLS) says to check the network, not the
 * token; a refused token says which token and where to copy it again.
 */
export function describeSlackStartFailure(error: unknown, step: SlackStartStep, apiUrl?: string): string {
  const network = networkErrorCode(error);
  const host = hostOf(apiUrl ?? DEFAULT_API_URL);
  if (network) {
    return `Cannot reach Slack at ${host} (${network}): check the network connection, DNS and proxy settings${
      apiUrl ? ', and SLACK_API_URL' : ''
    }, then start the bot again.`;
  }
  const { code, data, statusCode } = (error ?? {}) as {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
  };
  const apiError = typeof data?.error === 'string' ? data.error : undefined;
  if (apiError && REFUSED_TOKEN_ERRORS.has(apiError)) {
    return step === 'socket'
      ? `Slack refused SLACK_APP_TOKEN (${apiError}): generate an app-level token with the connections:write scope again (Slack app settings → Basic Information → App-Level Tokens), put it in SLACK_APP_TOKEN, and start the bot again.`
      : `Slack refused SLACK_BOT_TOKEN (${apiError}): copy the Bot User OAuth Token (xoxb-…) again from Slack app settings → OAuth & Permissions, put it in SLACK_BOT_TOKEN, and start the bot again.`;
  }
  if (code === 'slack_webapi_http_error' && typeof statusCode === 'number') {
    return `Slack's Web API at ${host} answered HTTP ${statusCode}: check SLACK_API_URL (leave it unset for Slack's own), then start the bot again.`;
  }
  const detail = apiError ?? (error instanceof Error ? error.message : String(error));
  return `Could not connect to Slack (${detail}): check SLACK_BOT_TOKEN${
    step === 'socket' ? ' and SLACK_APP_TOKEN' : ''
  } in your Slack app settings, and SLACK_API_URL if you set it.`;
}
