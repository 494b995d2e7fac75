import { BotError, ErrorCode } from '../errors.js';

/** How answers are shown to the channel. */
export type SlackVisibility = 'in_channel' | 'ephemeral';

/**
 * What the Slack adapter needs, already read from the environment by `src/config`.
 * The connection mode follows from the tokens: Socket Mode iff `appToken` is set, HTTP mode otherwise.
 */
export interface SlackOptions {
  /** Bot token (`xoxb-…`, SLACK_BOT_TOKEN). Required in both modes; never logged. */
  botToken: string;
  /**
   * Signing secret (SLACK_SIGNING_SECRET) used to verify HTTP requests. Required in HTTP mode,
   * ignored in Socket Mode. Never logged.
   */
  signingSecret?: string;
  /** App-level token (`xapp-…`, SLACK_APP_TOKEN). When set, the adapter connects in Socket Mode. */
  appToken?: string;
  /**
   * Web API base URL (SLACK_API_URL), e.g. for Enterprise/Gov endpoints or a local fake in tests.
   * Default: Slack's own (`https://slack.com/api/`). A missing trailing slash is added.
   */
  apiUrl?: string;
  /** Slash command to answer, with its leading slash. Default `/research`. */
  command?: string;
  /**
   * Who sees a slash-command answer: `in_channel` (default) posts it for everyone;
   * `ephemeral` shows it only to the asker, with a "Share in channel" button.
   * Mentions and DMs always answer visibly (in the thread or the DM).
   */
  visibility?: SlackVisibility;
  /** At most this many excerpts per answer (1–20). Default 5; the engine may return fewer. */
  maxExcerpts?: number;
}

/** Defaults merged under the options given to `createSlackAdapter`. */
export const SLACK_DEFAULTS = Object.freeze({
  command: '/research',
  visibility: 'in_channel' as SlackVisibility,
  maxExcerpts: 5,
});

/** Options after defaults and validation; the connection mode made explicit. */
export interface ResolvedSlackOptions {
  readonly mode: 'socket' | 'http';
  readonly botToken: string;
  readonly signingSecret: string | undefined;
  readonly appToken: string | undefined;
  readonly apiUrl: string | undefined;
  readonly command: string;
  readonly visibility: SlackVisibility;
  readonly maxExcerpts: number;
}

const CREDENTIALS_HINT =
  'Slack app settings (https://api.slack.com/apps) → Basic Information → App Credentials';

/** Merges defaults, checks every option and says how to fix the first problem found. */
export function resolveSlackOptions(options: SlackOptions): ResolvedSlackOptions {
  const merged = { ...SLACK_DEFAULTS, ...withoutUndefined(options) };
  if (!merged.botToken?.trim()) {
    throw new BotError(
      ErrorCode.SlackMissingBotToken,
      'SLACK_BOT_TOKEN is missing. Copy the Bot User OAuth Token (xoxb-…) from Slack app settings → OAuth & Permissions.',
    );
  }
  const appToken = merged.appToken?.trim() || undefined;
  if (appToken && !appToken.startsWith('xapp-')) {
    throw new BotError(
      ErrorCode.SlackInvalidAppToken,
      'SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (Slack app settings → Basic Information → App-Level Tokens, scope connections:write). Leave it unset to use HTTP mode.',
    );
  }
  const signingSecret = merged.signingSecret?.trim() || undefined;
  if (!appToken && !signingSecret) {
    throw new BotError(
      ErrorCode.SlackMissingSigningSecret,
      `SLACK_SIGNING_SECRET is required in HTTP mode (no SLACK_APP_TOKEN set). Copy the Signing Secret from ${CREDENTIALS_HINT}, or set SLACK_APP_TOKEN to use Socket Mode.`,
    );
  }
  if (!/^\/[a-z0-9_-]{1,31}$/i.test(merged.command)) {
    throw new BotError(
      ErrorCode.SlackInvalidCommand,
      `The slash command "${merged.command}" is not valid: it must start with "/" and have 1–31 letters, digits, "-" or "_" (e.g. /research).`,
    );
  }
  if (merged.visibility !== 'in_channel' && merged.visibility !== 'ephemeral') {
    throw new BotError(
      ErrorCode.SlackInvalidOption,
      `Slack answer visibility must be "in_channel" or "ephemeral", not "${String(merged.visibility)}".`,
    );
  }
  if (!Number.isInteger(merged.maxExcerpts) || merged.maxExcerpts < 1 || merged.maxExcerpts > 20) {
    throw new BotError(
      ErrorCode.SlackInvalidOption,
      `Slack maxExcerpts must be a whole number from 1 to 20, not ${String(merged.maxExcerpts)}.`,
    );
  }
  return Object.freeze({
    mode: appToken ? 'socket' : 'http',
    botToken: merged.botToken.trim(),
    signingSecret,
    appToken,
    apiUrl: merged.apiUrl?.trim() || undefined,
    command: merged.command.toLowerCase(),
    visibility: merged.visibility,
    maxExcerpts: merged.maxExcerpts,
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
