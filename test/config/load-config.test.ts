import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, loadConfig, NoPlatformError } from '../../src/config/index.js';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('falls back to the defaults: port 3000, 3 excerpts, log level info', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.maxExcerpts).toBe(3);
    expect(config.logLevel).toBe('info');
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

  it('asks for SLACK_APP_TOKEN or SLACK_SIGNING_SECRET when only SLACK_BOT_TOKEN is set', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(error.code).toBe('CONFIG_INVALID');
    const problems = error.problems.join('\n');
    expect(problems).toContain('SLACK_APP_TOKEN');
    expect(problems).toContain('SLACK_SIGNING_SECRET');
  });

  it('lists every bad value in one error', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'bad' });
    const problems = error.problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('LOG_LEVEL');
    expect(problems).toContain('SLACK_BOT_TOKEN');
    expect(error.problems.some((problem) => problem.startsWith('PORT'))).toBe(true);
    expect(error.problems.some((problem) => problem.startsWith('LOG_LEVEL'))).toBe(true);
    expect(error.problems.some((problem) => problem.startsWith('SLACK_BOT_TOKEN'))).toBe(true);
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it('rejects a PORT that is not written as a whole number', () => {
    expect(configError({ PORT: '0x1F' }).problems.join('\n')).toContain('PORT');
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
      expect(error.message).not.toContain('SECRET');
      for (const problem of error.problems) expect(problem).not.toContain(secret);
    }
  });

  it('explains how to configure a platform, or to use npm run ask, when none is set', () => {
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

  it('returns a frozen config', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
