import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../../src/knowledge-db/copy-rows.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';

const server = await testPostgres();
const skip = typeof server === 'string';
if (skip) console.warn(`knowledge in PostgreSQL (COPY): tests skipped: ${server}`);

/** Text with what COPY's text format escapes in it (PostgreSQL text holds no NUL). */
const awkwardText = fc
  .array(
    fc.oneof(
      fc.constantFrom('\\', '\t', '\n', '\r', '\\N', "'", '"', '\\x00'),
      fc.string({ unit: 'grapheme' }),
    ),
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));

describe.skipIf(skip)('copying rows into PostgreSQL', () => {
  const pgServer = server as TestPostgres;
  const pool = new pg.Pool({ connectionString: pgServer.url, max: 1 });

  beforeAll(async () => {
    await pool.query('CREATE TABLE copied (at INTEGER, text TEXT, terms TSVECTOR, nothing TEXT)');
  });

  afterAll(async () => {
    await pool.end();
    await pgServer.drop();
  });

  it('stores any text, lexemes and nulls exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(awkwardText, { maxLength: 20 }), async (texts) => {
        const client = await pool.connect();
        try {
          await client.query('TRUNCATE copied');
          const lexeme = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
          await copyRows(
            client,
            'copied',
            ['at', 'text', 'terms', 'nothing'],
            texts.map((text, at) => [at, text, text === '' ? '' : `${lexeme(text)}:1`, null]),
          );
          const { rows } = await client.query<{ text: string; terms: string[]; nothing: null }>(
            'SELECT text, tsvector_to_array(terms) AS terms, nothing FROM copied ORDER BY at',
          );
          expect(rows).toEqual(
            texts.map((text) => ({ text, terms: text === '' ? [] : [text], nothing: null })),
          );
        } finally {
          client.release();
        }
      }),
      { numRuns: 50 },
    );
  });
});
