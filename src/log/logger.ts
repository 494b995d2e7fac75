import { type Logger, pino } from 'pino';
import { LogDestination } from './destination.js';
import { type LogFormat, prettyLogLine } from './pretty.js';

export type { LogFormat, Logger };

/** Paths pino replaces with "[redacted]" wherever they appear in a log line. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

const STDOUT_FD = 1;
const destinations = new Map<LogFormat, LogDestination>();

/** The one stdout destination per format, flushed (boundedly) when the process exits. */
function stdoutDestination(format: LogFormat): LogDestination {
  let destination = destinations.get(format);
  if (!destination) {
    destination = new LogDestination(STDOUT_FD, format === 'pretty' ? prettyLogLine : undefined);
    destinations.set(format, destination);
    if (destinations.size === 1) {
      process.on('exit', () => {
        for (const each of destinations.values()) each.flushSync();
      });
    }
  }
  return destination;
}

/**
 * Logs on stdout: one JSON line per event (`format` `json`, the default) or plain lines for a
 * terminal (`pretty`). `level` defaults to `info`; `silent` turns them off (tests).
 * Writing never blocks and never retries forever, so a closed or stuck stdout cannot hold up a
 * shutdown (see LogDestination). Tokens and secrets are redacted by key name as a second line
 * of defence: callers must not log them in the first place.
 */
export function createLogger(level = 'info', format: LogFormat = 'json'): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { app: 'research-bot' },
    },
    stdoutDestination(format),
  );
}

/** A logger that drops everything, for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
