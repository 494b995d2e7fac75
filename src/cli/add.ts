import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AddOutcome, addSources, type FetchLimits } from '../add/index.js';

export interface AddCliOptions {
  dir: string;
  dryRun: boolean;
  json: boolean;
  /** Download limits over FETCH_DEFAULTS (ADD_MAX_MB); the command line fetches any address. */
  fetch?: Partial<FetchLimits>;
  /** Stream for progress lines; they are shown only when it is a terminal. */
  progress?: NodeJS.WriteStream;
  /** KNOWLEDGE_STORE=postgres: each file written is also stored in this database (DATABASE_URL). */
  databaseUrl?: string;
}

/** The report line for one input: the file and what was read, or the error. */
export function describeOutcome(outcome: AddOutcome, dryRun: boolean): string {
  if (!outcome.ok) return `error: ${outcome.error}`;
  const title = outcome.title ? `“${outcome.title}”` : 'untitled';
  const author = outcome.author ? ` by ${outcome.author}` : '';
  const date = outcome.date
    ? `, date ${outcome.date}${outcome.dateSource === 'file' ? " (the file's creation date; the document prints none)" : ''}`
    : '';
  const pages = outcome.pages ? `, ${outcome.pages} pages` : '';
  return `${dryRun ? 'would add' : 'added'} ${outcome.file}: ${title}${author}${date}, ${outcome.paragraphs} quotable paragraphs${pages}`;
}

/** The JSON line for one input: the file and its citation fields, or the error. */
export function outcomeToJson(outcome: AddOutcome): object {
  if (!outcome.ok) return { input: outcome.input, error: outcome.error };
  const { input, file, id, title, author, publisher, date, dateSource, url, quotable } = outcome;
  return { input, file, id, title, author, publisher, date, dateSource, url, quotable };
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
  if (options.databaseUrl && !options.dryRun) await storeAdded(options.databaseUrl, outcomes);
  for (const outcome of outcomes) {
    const line = options.json
      ? JSON.stringify(outcomeToJson(outcome))
      : describeOutcome(outcome, options.dryRun);
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

/** Stores the files just written in PostgreSQL (KNOWLEDGE_STORE=postgres); a failure marks its outcome. */
async function storeAdded(databaseUrl: string, outcomes: AddOutcome[]): Promise<void> {
  const { KnowledgeDatabase } = await import('../knowledge-db/knowledge-db.js');
  const db = await KnowledgeDatabase.open(databaseUrl);
  try {
    for (const [at, outcome] of outcomes.entries()) {
      if (!outcome.ok) continue;
      const stored = await db.put([
        { file: path.basename(outcome.file), bytes: await readFile(outcome.file) },
      ]);
      const problem = stored.problems[0];
      if (problem)
        outcomes[at] = {
          ok: false,
          input: outcome.input,
          error: `not stored in the database: ${problem.reason}`,
        };
    }
  } finally {
    await db.close();
  }
}
