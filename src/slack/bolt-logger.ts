import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log/logger.js';

/** Patterns that could carry a credential in Bolt's free-text log lines, and what replaces them. */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/xox[a-z]-[A-Za-z0-9-]+/g, '[redacted]'],
  [/xapp-[A-Za-z0-9-]+/g, '[redacted]'],
  [/("token"\s*:\s*")[^"]*"/g, '$1[redacted]"'],
  [/(\btoken=)[^&\s]+/g, '$1[redacted]'],
  [/(Bearer )[A-Za-z0-9._-]+/g, '$1[redacted]'],
];

/** Replaces anything token-like in a log line with "[redacted]". */
export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * Bolt's and the Socket Mode client's logs, sent to our pino logger with `component: 'bolt'`.
 * Bolt writes free text (sometimes whole payloads at debug level), so every line is scrubbed of
 * token-like strings first; pino's key-based redaction cannot see inside strings.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = levelOf(logger.level);
  const emit =
    (at: LogLevel, write: (msg: string) => void) =>
    (...args: unknown[]) => {
      if (SEVERITY[at] < SEVERITY[level]) return;
      write(scrubSecrets(args.map(describe).join(' ')));
    };
  return {
    debug: emit(LogLevel.DEBUG, (m) => child.debug(m)),
    info: emit(LogLevel.INFO, (m) => child.info(m)),
    warn: emit(LogLevel.WARN, (m) => child.warn(m)),
    error: emit(LogLevel.ERROR, (m) => child.error(m)),
    setLevel: (next: LogLevel) => {
      // Bolt sets INFO on start-up; never go chattier than our own logger allows.
      level = SEVERITY[next] > SEVERITY[levelOf(logger.level)] ? next : levelOf(logger.level);
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function levelOf(pinoLevel: string): LogLevel {
  if (pinoLevel === 'trace' || pinoLevel === 'debug') return LogLevel.DEBUG;
  if (pinoLevel === 'info') return LogLevel.INFO;
  if (pinoLevel === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
