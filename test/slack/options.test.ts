import { describe, expect, it } from 'vitest';
import { BotError, ErrorCode } from '../../src/errors.js';
import { resolveSlackOptions, SLACK_DEFAULTS } from '../../src/slack/index.js';

describe('slack options', () => {
  it('uses Socket Mode when an app token is set', () => {
    const options = resolveSlackOptions({ botToken: 'xoxb-1', appToken: 'xapp-1' });
    expect(options.mode).toBe('socket');
    expect(options.command).toBe(SLACK_DEFAULTS.command);
    expect(options.visibility).toBe('in_channel');
    expect(options.maxExcerpts).toBe(SLACK_DEFAULTS.maxExcerpts);
  });

  it('uses HTTP mode otherwise, and then needs the signing secret, saying where it lives', () => {
    expect(resolveSlackOptions({ botToken: 'xoxb-1', signingSecret: 's' }).mode).toBe('http');
    const error = (() => {
      try {
        resolveSlackOptions({ botToken: 'xoxb-1' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe(ErrorCode.SlackMissingSigningSecret);
    expect((error as Error).message).toMatch(/SLACK_SIGNING_SECRET/);
    expect((error as Error).message).toMatch(/Basic Information → App Credentials/);
  });

  it('rejects a missing bot token, a bot token given as app token, a bad command and bad numbers', () => {
    expect(() => resolveSlackOptions({ botToken: '', signingSecret: 's' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => resolveSlackOptions({ botToken: 'xoxb-1', appToken: 'xoxb-2' })).toThrow(/SLACK_APP_TOKEN/);
    expect(() =>
      resolveSlackOptions({ botToken: 'xoxb-1', signingSecret: 's', command: 'research' }),
    ).toThrow(/slash command/);
    expect(() => resolveSlackOptions({ botToken: 'xoxb-1', signingSecret: 's', maxExcerpts: 0 })).toThrow(
      /maxExcerpts/,
    );
  });

  it('keeps defaults frozen', () => {
    expect(Object.isFrozen(SLACK_DEFAULTS)).toBe(true);
  });

  it('never puts a token into an error message', () => {
    try {
      resolveSlackOptions({ botToken: 'xoxb-secret', appToken: 'bad-secret-token' });
    } catch (e) {
      expect((e as Error).message).not.toMatch(/secret/);
    }
  });
});
