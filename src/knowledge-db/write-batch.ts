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
  await copyRows(
    client,
    'knowledge_sources',
    ['id', 'file', 'bytes', 'meta', 'format', 'passages', 'sentences', 'terms', 'page_starts'],
    batch.map(({ file, document, rows }) => [
      document.meta.id,
      document.file,
      `\\x${Buffer.from(file.bytes).toString('hex')}`,
      JSON.stringify(document.meta),
      document.format,
      rows.passages.length,
      rows.sentences.length,
      rows.terms,
      document.pageStarts ? `{${document.pageStarts.join(',')}}` : null,
    ]),
  );
  const inserted = await client.query<{ ordinal: string; id: string }>(
    'SELECT ordinal, id FROM knowledge_sources WHERE id = ANY($1)',
    [batch.map(({ document }) => document.meta.id)],
  );
  const ordinalOf = new Map(inserted.rows.map((row) => [row.id, row.ordinal]));
  await copyRows(
    client,
    'knowledge_passages',
    [
      'source',
      'position',
      'reader_number',
      'start_offset',
      'end_offset',
      'length',
      'text',
      'sentence_starts',
      'sentence_ends',
    ],
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
        `{${row.sentenceStarts.join(',')}}`,
        `{${row.sentenceEnds.join(',')}}`,
      ]);
    }),
  );
  await copyRows(
    client,
    'knowledge_sentences',
    ['source', 'passage', 'position', 'start_offset', 'end_offset', 'length', 'terms'],
    batch.flatMap(({ document, rows }) => {
      const source = ordinalOf.get(document.meta.id) as string;
      return rows.sentences.map((row) => [
        source,
        row.passage,
        row.position,
        row.start,
        row.end,
        row.length,
        row.terms,
      ]);
    }),
  );
  return ordinalOf;
}
