import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BufferedRequest, Refusal } from '../server/index.js';

/**
 * How far a request's `X-Slack-Request-Timestamp` may be from now, either way: five minutes, as
 * Slack's guide to verifying requests says. Bolt only refuses old timestamps; a request dated in
 * the future is refused here too, so a captured request cannot be replayed later.
 */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Refuses from the headers alone, before the body is read: a timestamp that is not a number,
 * or more than five minutes from `nowMs` in either direction. A request without the signature
 * headers is let through to the body check (Slack's `ssl_check` needs no signature).
 */
export function refuseByTimestamp(req: IncomingMessage, nowMs = Date.now()): Refusal | undefined {
  const raw = header(req, 'x-slack-request-timestamp');
  if (raw === undefined) return undefined;
  if (!/^\d{1,12}$/.test(raw)) return { status: 401, reason: 'timestamp header is not a number' };
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) > SLACK_TIMESTAMP_WINDOW_SECONDS) {
    return {
      status: 401,
      reason: skew > 0 ? 'timestamp more than 5 minutes in the future' : 'timestamp more than 5 minutes old',
    };
  }
  return undefined;
}

/** True for Slack's unsigned `ssl_check=1` form post, which Bolt answers without dispatching anything. */
function isSslCheck(req: BufferedRequest): boolean {
  if (header(req, 'content-type') !== 'application/x-www-form-urlencoded') return false;
  return new URLSearchParams(req.rawBody.toString('utf8')).get('ssl_check') === '1';
}

/**
 * Verifies Slack's v0 signature (HMAC-SHA256 of `v0:timestamp:body` with the signing secret)
 * and the timestamp window; returns why the request is refused, or undefined when it is
 * Slack's. https://api.slack.com/authentication/verifying-requests-from-slack
 */
export function refuseUnsigned(
  req: BufferedRequest,
  signingSecret: string,
  nowMs = Date.now(),
): Refusal | undefined {
  const timestamp = header(req, 'x-slack-request-timestamp');
  const signature = header(req, 'x-slack-signature');
  if (timestamp === undefined || signature === undefined) {
    return isSslCheck(req) ? undefined : { status: 401, reason: 'no Slack signature' };
  }
  const stale = refuseByTimestamp(req, nowMs);
  if (stale) return stale;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(req.rawBody).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 401, reason: 'signature mismatch' };
  }
  return undefined;
}
