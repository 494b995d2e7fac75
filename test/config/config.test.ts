import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, loadConfig, NoPlatformError } from '../../src/config/index.js';

const SECRET = 'super-secret-signing-value-42';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('configuration', () => {
  it('falls back to the defaults: port 3000, 3 excerpts, log level info, no platform', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', maxExcerpts: 3 });
    expect(config.port).toBe(CONFIG_DEFAULTS.port);
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
  });

  it('reads only the env object it is given, not process.env', () => {
    const before = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig({}).port).toBe(3000);
      expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
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

  it('asks for SLACK_APP_TOKEN or SLACK_SIGNING_SECRET when only SLACK_BOT_TOKEN is set', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(error.code).toBe('CONFIG_INVALID');
    const problems = error.problems.join('\n');
    expect(problems).toContain('SLACK_APP_TOKEN');
    expect(problems).toContain('SLACK_SIGNING_SECRET');
  });

  it('lists every problem at once, each in the message, and says how to fix each', () => {
    const error = configError({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      SLACK_BOT_TOKEN: SECRET,
      DISCORD_TOKEN: 't',
      DISCORD_RATE_LIMIT: 'fast',
    });
    expect(error.problems).toHaveLength(5);
    for (const variable of ['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN']) {
      expect(error.problems.some((problem) => problem.startsWith(variable))).toBe(true);
    }
    for (const problem of error.problems) expect(error.message).toContain(problem);
    expect(error.message).toContain('PORT must be a whole number');
    expect(error.message).toContain('LOG_LEVEL must be one of');
    expect(error.message).toContain(
      'SLACK_BOT_TOKEN must be the Bot User OAuth Token starting with xoxb- (Slack app → OAuth & Permissions)',
    );
    expect(error.message).toContain('SLACK_APP_TOKEN');
    expect(error.message).toContain('DISCORD_RATE_LIMIT must look like 5/10s');
  });

  it.each(['0x1F', '1e3'])('rejects PORT=%j, which is not written as a whole number', (port) => {
    expect(configError({ PORT: port }).problems.join('\n')).toContain('PORT');
  });

  it('never repeats a secret value in its message', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'not-a-bot-token-SECRET-91f3c7',
      SLACK_APP_TOKEN: 'xoxp-SECRET-app-token-4b2e8d',
      DISCORD_TOKEN: 'discord-SECRET-token-6a0d51',
    };
    const error = configError({ ...secrets, DISCORD_RATE_LIMIT: 'often' });
    for (const secret of Object.values(secrets)) {
      expect(error.message).not.toContain(secret);
      for (const problem of error.problems) expect(problem).not.toContain(secret);
    }
    expect(error.message).not.toContain('SECRET');
  });

  it('explains which variables to set, and how to try the bot, when no platform is configured', () => {
    let caught: unknown;
    try {
      loadConfig({}, { requirePlatform: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NoPlatformError);
    const message = (caught as NoPlatformError).message;
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).toContain('npm run ask');
  });

  it('reads DISCORD_RATE_LIMIT "3/5s" as 3 questions per 5,000 ms', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'token', DISCORD_RATE_LIMIT: '3/5s' });
    expect(config.discord?.rateLimit).toEqual({ max: 3, windowMs: 5000 });
  });

  it('returns a frozen config, down to the Slack settings and the Discord rate limit', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      DISCORD_TOKEN: 'token',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(Object.isFrozen(config.discord?.rateLimit)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('adding sources from the chat', () => {
  it('lets nobody curate, allows no private host and downloads at most 25 MB by default', () => {
    expect(loadConfig({}).add).toEqual({ curators: [], allowedHosts: [], maxBytes: 25 * 1024 * 1024 });
  });

  it('reads CURATORS, ADD_ALLOWED_HOSTS and ADD_MAX_MB as comma-separated lists and megabytes', () => {
    const config = loadConfig({
      CURATORS: 'U0123ABCD, 112233445566778899,,',
      ADD_ALLOWED_HOSTS: 'wiki.intranet, 10.0.0.8',
      ADD_MAX_MB: '5',
    });
    expect(config.add).toEqual({
      curators: ['U0123ABCD', '112233445566778899'],
      allowedHosts: ['wiki.intranet', '10.0.0.8'],
      maxBytes: 5 * 1024 * 1024,
    });
  });

  it('names a CURATORS entry that is neither a Slack nor a Discord id, and a bad ADD_MAX_MB', () => {
    const { problems } = configError({ CURATORS: 'U0123ABCD,@ann', ADD_MAX_MB: 'lots' });
    expect(problems).toEqual([
      expect.stringMatching(/^CURATORS must list .* these are neither: @ann\.$/),
      expect.stringMatching(/^ADD_MAX_MB must be a whole number from 1 to 1000 \(got "lots"\)/),
    ]);
  });
});
