import { createHmac } from 'node:crypto';

/** The signing secret the test apps are configured with. */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
/** Tokens the tests configure; asserted never to appear in logs. */
export const TEST_BOT_TOKEN = 'xoxb-test-bot-token-1111';
export const TEST_APP_TOKEN = 'xapp-1-test-app-token-2222';

/** Slack's v0 request signature: `v0=` + HMAC-SHA256 of `v0:timestamp:body`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replaces the computed signature (for forged requests). */
  signature?: string;
  secret?: string;
}

export interface PostResult {
  status: number;
  body: string;
  /** Milliseconds from sending to the full response. */
  ms: number;
}

/** POSTs a body to the app the way Slack does: signed, with the given content type. */
export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignedPostOptions = {},
): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

/** Form fields of a slash-command POST, with defaults for everything but text and response_url. */
export function slashCommandBody(
  fields: { text: string; response_url: string } & Record<string, string>,
): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0CHANNEL',
    channel_name: 'research',
    user_id: 'U0ASKER',
    user_name: 'asker',
    command: '/research',
    api_app_id: 'A0FAKE',
    trigger_id: '123.456.abc',
    ...fields,
  }).toString();
}

export function postSlashCommand(
  url: string,
  fields: { text: string; response_url: string } & Record<string, string>,
  options?: SignedPostOptions,
): Promise<PostResult> {
  return postSigned(url, slashCommandBody(fields), 'application/x-www-form-urlencoded', options);
}

/** An Events API callback, as Slack POSTs it. */
export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKE', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

export function postEvent(
  url: string,
  event: Record<string, unknown>,
  options?: SignedPostOptions,
): Promise<PostResult> {
  return postSigned(url, JSON.stringify(eventCallback(event)), 'application/json', options);
}

/** A block_actions payload for one button click, by U0ASKER unless `user` says otherwise. */
export function buttonClick(fields: {
  actionId: string;
  value: string;
  responseUrl: string;
  message?: Record<string, unknown>;
  ephemeral?: boolean;
  /** Who clicked; default U0ASKER. */
  user?: string;
  /** The block the button is in; default the answer's actions block. */
  blockId?: string;
}): Record<string, unknown> {
  const user = fields.user ?? 'U0ASKER';
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, username: fields.user ? user.toLowerCase() : 'asker', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: 'C0CHANNEL',
      is_ephemeral: !!fields.ephemeral,
    },
    trigger_id: '123.456.abc',
    channel: { id: 'C0CHANNEL', name: 'research' },
    ...(fields.message ? { message: fields.message } : {}),
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: fields.blockId ?? 'research_answer_actions',
        value: fields.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** A block_actions payload for a choice in a static select (e.g. the cite menu). */
export function selectChoice(fields: {
  actionId: string;
  blockId: string;
  value: string;
  responseUrl: string;
}): Record<string, unknown> {
  const click = buttonClick({ actionId: fields.actionId, value: '', responseUrl: fields.responseUrl });
  return {
    ...click,
    actions: [
      {
        type: 'static_select',
        action_id: fields.actionId,
        block_id: fields.blockId,
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: fields.value },
        action_ts: '1700000001.000300',
      },
    ],
  };
}

export function postAction(
  url: string,
  payload: Record<string, unknown>,
  options?: SignedPostOptions,
): Promise<PostResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded', options);
}

/** An app_mention event: U0ASKER (unless `more` says otherwise) mentions the bot in `channel` at `ts`. */
export function mentionEvent(
  text: string,
  channel: string,
  ts: string,
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'app_mention', user: 'U0ASKER', text, ts, channel, event_ts: ts, ...more };
}

/** A direct message event: U0ASKER (unless `more` says otherwise) writes to the bot in `channel` at `ts`. */
export function directMessageEvent(
  text: string,
  channel: string,
  ts: string,
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return mentionEvent(text, channel, ts, { type: 'message', channel_type: 'im', ...more });
}
