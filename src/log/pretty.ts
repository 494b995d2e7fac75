import { printableText } from '../printable.js';

/** How log lines are written: one JSON object per line (for collectors) or plain text (for people). */
export type LogFormat = 'json' | 'pretty';

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line carries that a person at a terminal does not need. */
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);

/**
 * Turns one pino JSON line into `HH:MM:SS LEVEL message  key=value …`. An error shows as its
 * message only, never a stack trace: the message is written to say what failed and what to do.
 * A line that is not JSON passes through unchanged.
 */
export function prettyLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now())
    .toTimeString()
    .slice(0, 8);
  const level = LEVEL_NAMES[Number(record.level)] ?? String(record.level);
  // Values come from outside (file names, reasons): escaped, so none can start a line of its own.
  const message = printableText(typeof record.msg === 'string' ? record.msg : '');
  // A fatal line is the one sentence a person needs (what failed, what to do); details stay in JSON.
  if (record.level === 60) return `${time} ${level} ${message}\n`;
  const details = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(
      ([key, value]) => `${key}=${typeof value === 'string' ? printableText(value) : JSON.stringify(value)}`,
    );
  const err = record.err as { message?: unknown } | undefined;
  if (err && typeof err.message === 'string' && !message.includes(err.message))
    details.push(`error=${err.message}`);
  return `${time} ${level} ${message}${details.length > 0 ? `  ${details.join(' ')}` : ''}\n`;
}

/**
 * The format to use: `LOG_FORMAT` when set (`json` or `pretty`), otherwise pretty on a terminal
 * and JSON when stdout is a pipe or file (a container, a process manager, a log collector).
 */
export function chooseLogFormat(setting: LogFormat | undefined, stdoutIsTerminal: boolean): LogFormat {
  return setting ?? (stdoutIsTerminal ? 'pretty' : 'json');
}
