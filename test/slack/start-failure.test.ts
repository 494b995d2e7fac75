import { describe, expect, it } from 'vitest';
import { describeSlackStartFailure } from '../../src/slack/start-failure.js';

const dnsFailure = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND slack.com'), { code: 'ENOTFOUND' }),
  });

describe('slack start-up failure sentences', () => {
  it('tells Slack being unreachable (DNS, behind axios or fetch) from Slack refusing either token', () => {
    const viaWebApi = Object.assign(new Error('A request error occurred: fetch failed'), {
      code: 'slack_webapi_request_error',
      original: dnsFailure(),
    });
    expect(describeSlackStartFailure(viaWebApi, 'bot-token')).toMatch(
      /^Cannot reach Slack at slack\.com \(ENOTFOUND\): check the network connection, DNS and proxy settings, then start the bot again\.$/,
    );
    const refused = { code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_auth' } };
    expect(describeSlackStartFailure(refused, 'bot-token')).toMatch(
      /^Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/,
    );
    expect(describeSlackStartFailure(refused, 'socket')).toMatch(
      /^Slack refused SLACK_APP_TOKEN \(invalid_auth\): .*App-Level Tokens/,
    );
  });
});
