import { readFileSync } from 'node:fs';

/** A line of a `.env` file that dotenv skips without a word. */
export interface IgnoredLine {
  /** 1-based line number. */
  line: number;
  /** The variable it seems to set, when the line starts with a name; never the value. */
  name?: string;
}

/** `NAME=value`, `export NAME=value` or `NAME: value`, as dotenv reads them. */
const ASSIGNMENT = /^\s*(?:export\s+)?[\w.-]+\s*(?:=|:\s)/;
const NAME = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)/;

/**
 * The lines of a `.env` text that set nothing: neither blank, nor a comment, nor an assignment
 * (the lines of a quoted value spread over several lines are part of it). `SLACK_BOT_TOKEN
 * xoxb-…` is one: dotenv skips it, and the bot would then say no platform is configured.
 */
export function ignoredDotenvLines(text: string): IgnoredLine[] {
  const ignored: IgnoredLine[] = [];
  let openQuote: string | null = null;
  text.split(/\r?\n/).forEach((raw, at) => {
    if (openQuote) {
      if (raw.includes(openQuote)) openQuote = null;
      return;
    }
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (ASSIGNMENT.test(line)) {
      const value = line.replace(ASSIGNMENT, '').trimStart();
      const quote = value[0];
      if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote))
        openQuote = quote;
      return;
    }
    const name = NAME.exec(line)?.[1];
    ignored.push({ line: at + 1, ...(name && /^[A-Z][A-Z0-9_]*$/.test(name) ? { name } : {}) });
  });
  return ignored;
}

/** One warning per ignored line of the `.env` file at `file` (none when it does not exist). */
export function dotenvWarnings(file = '.env'): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return ignoredDotenvLines(text).map(({ line, name }) =>
    name
      ? `${file} line ${line} was ignored: it has no "=" after ${name}; write ${name}=value.`
      : `${file} line ${line} was ignored: it is not NAME=value (nor a # comment).`,
  );
}
