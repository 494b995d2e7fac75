import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { chooseLogFormat, prettyLogLine } from '../../src/log/pretty.js';

describe('the log format', () => {
  it('is pretty on a terminal and JSON for a pipe or file, unless LOG_FORMAT says otherwise', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('reads LOG_FORMAT from the environment and refuses anything but json or pretty', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'Pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be json or pretty/);
  });
});

describe('a pretty log line', () => {
  const line = (record: Record<string, unknown>) =>
    prettyLogLine(JSON.stringify({ level: 30, time: Date.UTC(2024, 0, 1), app: 'research-bot', ...record }));

  it('shows the level, the message and the details, not the app name', () => {
    const text = line({ msg: 'knowledge loaded', documents: 5 });
    expect(text).toMatch(/^\d\d:\d\d:\d\d INFO {2}knowledge loaded {2}documents=5\n$/);
    expect(text).not.toContain('research-bot');
  });

  it('shows an error by its message, never its stack', () => {
    const text = line({
      level: 50,
      msg: 'reload failed',
      err: { message: 'disk full', stack: 'Error: disk full\n    at x' },
    });
    expect(text).toContain('error=disk full');
    expect(text).not.toContain('    at ');
  });

  it('gives a fatal failure as the one sentence of its message', () => {
    const sentence =
      'Cannot reach Slack at slack.com (ENOTFOUND): check the network connection, then start the bot again.';
    const text = line({
      level: 60,
      msg: sentence,
      platform: 'slack',
      err: { message: 'fetch failed', stack: 'at y' },
    });
    expect(text).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d FATAL ${sentence.replace(/[().]/g, '\\$&')}\\n$`));
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(prettyLogLine('plain text\n')).toBe('plain text\n');
  });
});

describe('a pretty log line with outside text in it', () => {
  it('escapes a newline in a file name, so the name cannot forge a log line', () => {
    const text = prettyLogLine(
      JSON.stringify({
        level: 50,
        time: 0,
        msg: 'knowledge file skipped',
        file: 'a.md\n00:00:00 INFO  all good',
      }),
    );
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('file=a.md\\n00:00:00 INFO  all good');
  });
});
