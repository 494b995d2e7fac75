import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, NoPlatformError } from '../../src/config/index.js';

const SECRET = 'super-secret-signing-value-42';

describe('configuration', () => {
  it('has defaults for everything optional, and is frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', maxExcerpts: 3 });
    expect(config.slack).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('configures Slack in Socket Mode or HTTP mode from the tokens given', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toMatchObject({
      appToken: 'xapp-1',
      command: '/research',
      visibility: 'in_channel',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET }).slack?.signingSecret).toBe(
      SECRET,
    );
  });

  it('lists every problem at once, says how to fix each, and never prints a secret', () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: 'abc',
          LOG_LEVEL: 'loud',
          SLACK_BOT_TOKEN: SECRET,
          DISCORD_TOKEN: 't',
          DISCORD_RATE_LIMIT: 'fast',
        });
      } catch (caught) {
        return caught;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toHaveLength(5);
    expect(error.message).toContain('PORT must be a whole number');
    expect(error.message).toContain('LOG_LEVEL must be one of');
    expect(error.message).toContain(
      'SLACK_BOT_TOKEN must be the Bot User OAuth Token starting with xoxb- (Slack app → OAuth & Permissions)',
    );
    expect(error.message).toContain('SLACK_APP_TOKEN');
    expect(error.message).toContain('DISCORD_RATE_LIMIT must look like 5/10s');
    expect(error.message).not.toContain(SECRET);
  });

  it('explains which variables to set, and how to try the bot, when no platform is configured', () => {
    expect(() => loadConfig({}, { requirePlatform: true })).toThrow(NoPlatformError);
    const message = (() => {
      try {
        loadConfig({}, { requirePlatform: true });
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).toContain('npm run ask');
  });

  it('reads the Discord rate limit as questions per seconds', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_RATE_LIMIT: '3/5s' }).discord?.rateLimit).toEqual({
      max: 3,
      windowMs: 5000,
    });
  });
});
