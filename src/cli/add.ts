import { type AddOutcome, addSources, type FetchLimits } from '../add/index.js';

export interface AddCliOptions {
  dir: string;
  dryRun: boolean;
  json: boolean;
  /** Download limits over FETCH_DEFAULTS (ADD_MAX_MB); the command line fetches any address. */
  fetch?: Partial<FetchLimits>;
  /** Stream for progress lines; they are shown only when it is a terminal. */
  progress?: NodeJS.WriteStream;
}

function describe(outcome: AddOutcome, dryRun: boolean): string {
  if (!outcome.ok) return `error: ${outcome.error}`;
  const title = outcome.title ? `“${outcome.title}”` : 'untitled';
  const pages = outcome.pages ? `, ${outcome.pages} pages` : '';
  return `${dryRun ? 'would add' : 'added'} ${outcome.file}: ${title}, ${outcome.paragraphs} quotable paragraphs${pages}`;
}

/** The JSON line for one input: the file and its citation fields, or the error. */
export function outcomeToJson(outcome: AddOutcome): object {
  if (!outcome.ok) return { input: outcome.input, error: outcome.error };
  const { input, file, id, title, author, publisher, date, url, quotable } = outcome;
  return { input, file, id, title, author, publisher, date, url, quotable };
}

/**
 * `add`: one knowledge file per input. Prints one line per input (JSON Lines with `--json`) on
 * stdout, errors included, and a progress line per input on a terminal. Returns how many failed.
 */
export async function runAdd(inputs: string[], options: AddCliOptions): Promise<number> {
  const progress = options.progress?.isTTY ? options.progress : undefined;
  const outcomes = await addSources(inputs, {
    dir: options.dir,
    dryRun: options.dryRun,
    fetch: options.fetch ?? {},
    onStart: (input, position, total) => progress?.write(`\r\x1b[K[${position}/${total}] reading ${input}…`),
  });
  progress?.write('\r\x1b[K');
  for (const outcome of outcomes) {
    const line = options.json ? JSON.stringify(outcomeToJson(outcome)) : describe(outcome, options.dryRun);
    (outcome.ok || options.json ? process.stdout : process.stderr).write(`${line}\n`);
  }
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  if (!options.json && inputs.length > 1) {
    process.stdout.write(
      `${outcomes.length - failed} of ${outcomes.length} sources ${options.dryRun ? 'checked (dry run: nothing written)' : 'added'}\n`,
    );
  }
  return failed;
}
