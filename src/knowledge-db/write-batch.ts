import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import { parseKnowledgeDocument } from '../knowledge/load.js';
import type { KnowledgeDocument, KnowledgeProblem } from '../knowledge/types.js';
import { copyRows } from './copy-rows.js';
import type { KnowledgeFile } from './knowledge-db.js';
import { type SourceRows, sourceRows } from './source-rows.js';

/** A file parsed and cut into the rows it adds. */
export interface PreparedSource {
  file: KnowledgeFile;
  document: KnowledgeDocument;
  rows: SourceRows;
}

/**
 * Parses the files (by the folder engine's loader) and makes their rows; files that do not parse
 * go to `problems`. Yields to the event loop after each file, so a batch being written meanwhile
 * keeps its statements flowing.
 */
export async function prepareBatch(
  files: readonly KnowledgeFile[],
  problems: KnowledgeProblem[],
): Promise<PreparedSource[]> {
  const prepared: PreparedSource[] = [];
  for (const file of files) {
    try {
      const document = file.document ?? parseKnowledgeDocument(file.file, file.bytes);
      prepared.push({ file, document, rows: sourceRows(document) });
    } catch (error) {
      problems.push({ file: file.file, reason: error instanceof Error ? error.message : String(error) });
    }
    await nextTurn();
  }
  return prepared;
}

/**
 * Inserts the sources, their paragraphs and sentences: one statement per table for the whole
 * batch (round trips, not rows, cost most; the many paragraphs and sentences by COPY). Returns
 * each id's ordinal.
 */
export async function insertSources(
  client: pg.PoolClient,
  batch: readonly PreparedSource[],
): Promise<Map<string, string>> {
  const inserted = await client.query<{ ordinal: string; id: string }>(
    `INSERT INTO knowledge_sources (id, file, bytes, meta, format, passages, sentences, terms, page_starts)
     SELECT id, file, bytes, meta, format, passages, sentences, terms, CASE WHEN pages = '' THEN NULL ELSE string_to_array(pages, ',')::int[] END
     FROM unnest($1::text[], $2::text[], $3::bytea[], $4::jsonb[], $5::text[], $6::int[], $7::int[], $8::tsvector[], $9::text[])
       AS u (id, file, bytes, meta, format, passages, sentences, terms, pages)
     RETURNING ordinal, id`,
    [
      batch.map(({ document }) => document.meta.id),
      batch.map(({ document }) => document.file),
      batch.map(({ file }) => Buffer.from(file.bytes)),
      batch.map(({ document }) => JSON.stringify(document.meta)),
      batch.map(({ document }) => document.format),
      batch.map(({ rows }) => rows.passages.length),
      batch.map(({ rows }) => rows.sentences.length),
      batch.map(({ rows }) => rows.terms),
      batch.map(({ document }) => document.pageStarts?.join(',') ?? ''),
    ],
  );
  const ordinalOf = new Map(inserted.rows.map((row) => [row.id, row.ordinal]));
  await copyRows(
    client,
    'knowledge_passages',
    ['source', 'position', 'reader_number', 'start_offset', 'end_offset', 'length', 'text'],
    batch.flatMap(({ document, rows }) => {
      const source = ordinalOf.get(document.meta.id) as string;
      return rows.passages.map((row) => [
        source,
        row.position,
        row.readerNumber,
        row.start,
        row.end,
        row.length,
        row.text,
      ]);
    }),
  );
  await copyRows(
    client,
    'knowledge_sentences',
    ['source', 'passage', 'position', 'start_offset', 'end_offset', 'length', 'text', 'terms'],
    batch.flatMap(({ document, rows }) => {
      const source = ordinalOf.get(document.meta.id) as string;
      return rows.sentences.map((row) => [
        source,
        row.passage,
        row.position,
        row.start,
        row.end,
        row.length,
        row.text,
        row.terms,
      ]);
    }),
  );
  return ordinalOf;
}
