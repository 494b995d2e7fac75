import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A column's value as COPY's text format writes it (null is SQL NULL). */
export type CopyValue = string | number | null;

/** Characters of COPY text sent per chunk: big enough to keep the stream cheap, small enough to bound memory. */
const CHUNK_CHARACTERS = 1 << 20;

/**
 * Appends rows to a table with `COPY … FROM STDIN` (text format): each value goes straight to its
 * type's input function, which for many rows is far cheaper than binding arrays to `unnest`.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), stream);
}

function* chunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(copyText).join('\t')}\n`;
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character] as string);
}

const COPY_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
});
