import type pg from 'pg';
import { parseKnowledgeDocument } from '../knowledge/load.js';
import { lemmaKeys, type SourceStatistics, sourceRows } from './source-rows.js';

/*
 * The library's statistics as writers keep them, inside each write's transaction: the term,
 * word and total counts BM25 and the spelling corrections read, with a source's share added when
 * it is stored and taken out when it is removed or replaced.
 */

/** Writers take the totals row first, so they run one at a time and never deadlock on terms. */
export async function lockTotals(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT 1 FROM knowledge_totals FOR UPDATE');
}

/**
 * Deletes the sources with these ids or file names, taking their shares out of the statistics;
 * returns the first id's citation fields and file (null when it was not stored).
 */
export async function removeSources(
  client: pg.PoolClient,
  ids: readonly string[],
  files: readonly string[],
): Promise<{ id: string; title: string | null; file: string } | null> {
  const { rows } = await client.query<{ ordinal: string; id: string; file: string; bytes: Buffer }>(
    'SELECT ordinal, id, file, bytes FROM knowledge_sources WHERE id = ANY($1) OR file = ANY($2)',
    [ids, files],
  );
  let removed: { id: string; title: string | null; file: string } | null = null;
  for (const row of rows) {
    const document = parseKnowledgeDocument(row.file, new Uint8Array(row.bytes));
    await addStatistics(client, [sourceRows(document).statistics], -1);
    await client.query('DELETE FROM knowledge_sources WHERE ordinal = $1', [row.ordinal]);
    if (row.id === ids[0]) removed = { id: row.id, title: document.meta.title, file: row.file };
  }
  return removed;
}

/** Adds (sign 1) or takes out (sign −1) sources' shares of the term, word and total statistics. */
export async function addStatistics(
  client: pg.PoolClient,
  statistics: readonly SourceStatistics[],
  sign: 1 | -1,
): Promise<void> {
  const terms = new Map<string, { sentences: number; passages: number; described: number }>();
  const words = new Map<string, number>();
  const stemOf = new Map<string, string>();
  const totals = { sentences: 0, passages: 0, sentenceLength: 0, passageLength: 0 };
  for (const source of statistics) {
    for (const [stem, counts] of source.terms) {
      const known = terms.get(stem) ?? { sentences: 0, passages: 0, described: 0 };
      known.sentences += counts.sentences;
      known.passages += counts.passages;
      known.described += counts.described;
      terms.set(stem, known);
    }
    source.words.forEach((word, at) => {
      words.set(word, (words.get(word) ?? 0) + 1);
      stemOf.set(word, source.wordStems[at] as string);
    });
    totals.sentences += source.sentences;
    totals.passages += source.passages;
    totals.sentenceLength += source.sentenceLength;
    totals.passageLength += source.passageLength;
  }
  const stems = [...terms.keys()].sort();
  await client.query(
    `INSERT INTO knowledge_terms AS t (stem, sentences, passages, described)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
     ON CONFLICT (stem) DO UPDATE SET sentences = t.sentences + excluded.sentences,
       passages = t.passages + excluded.passages, described = t.described + excluded.described`,
    [
      stems,
      stems.map((stem) => sign * (terms.get(stem)?.sentences ?? 0)),
      stems.map((stem) => sign * (terms.get(stem)?.passages ?? 0)),
      stems.map((stem) => sign * (terms.get(stem)?.described ?? 0)),
    ],
  );
  // New words are numbered in order of first occurrence (the order corrections break ties in).
  const ordered = [...words.keys()];
  const seen = await client.query<{ words_seen: string }>('SELECT words_seen FROM knowledge_totals');
  const base = Number(seen.rows[0]?.words_seen ?? 0);
  await client.query(
    `INSERT INTO knowledge_words AS w (word, stem, sources, first_seen, lemma_keys)
     SELECT word, stem, sources, first_seen, string_to_array(keys, ' ')
     FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[]) AS u(word, stem, sources, first_seen, keys)
     ON CONFLICT (word) DO UPDATE SET sources = w.sources + excluded.sources`,
    [
      ordered,
      ordered.map((word) => stemOf.get(word) as string),
      ordered.map((word) => sign * (words.get(word) ?? 0)),
      ordered.map((_, at) => base + at),
      ordered.map((word) => (sign > 0 ? lemmaKeys(word).join(' ') : '')),
    ],
  );
  await client.query(
    `UPDATE knowledge_totals SET sentences = sentences + $1, passages = passages + $2,
       sentence_length = sentence_length + $3, passage_length = passage_length + $4, words_seen = words_seen + $5`,
    [
      sign * totals.sentences,
      sign * totals.passages,
      sign * totals.sentenceLength,
      sign * totals.passageLength,
      sign > 0 ? ordered.length : 0,
    ],
  );
}
