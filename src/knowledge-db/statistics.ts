import type pg from 'pg';
import { parseKnowledgeDocument } from '../knowledge/load.js';
import { lemmaKeys, type SourceStatistics, sourceRows } from './source-rows.js';

/*
 * The library's statistics as writers keep them, inside each write's transaction: the term,
 * word and total counts BM25 and the spelling corrections read, with a source's share added when
 * it is stored and taken out when it is removed or replaced.
 */

/** Per stem: sentences and passages holding it, and sources describing it. */
export interface TermCounts {
  sentences: number;
  passages: number;
  described: number;
}

/** Sentence and passage counts and length sums. */
export interface TotalCounts {
  sentences: number;
  passages: number;
  sentenceLength: number;
  passageLength: number;
}

/** Some sources' shares summed: what one write adds to (or takes out of) the statistics. */
export interface StatisticsShare {
  terms: Map<string, TermCounts>;
  /** Per surface word, in order of first occurrence (the order new words are numbered in): its stem and sources using it. */
  words: Map<string, { stem: string; sources: number }>;
  totals: TotalCounts;
}

/**
 * Where a write puts the statistics of the sources it adds (sign 1) or takes out (sign −1): the
 * tables in its own transaction (`addStatistics`), or a fresh import's running sums.
 */
export type StatisticsWriter = (statistics: readonly SourceStatistics[], sign: 1 | -1) => Promise<void>;

/** Writers take the totals row first, so they run one at a time and never deadlock on terms. */
export async function lockTotals(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT 1 FROM knowledge_totals FOR UPDATE');
}

/**
 * Deletes the sources with these ids or file names, taking their shares out of the statistics
 * through `write`; returns the first id's citation fields and file (null when it was not stored).
 */
export async function removeSources(
  client: pg.PoolClient,
  ids: readonly string[],
  files: readonly string[],
  write: StatisticsWriter,
): Promise<{ id: string; title: string | null; file: string } | null> {
  const { rows } = await client.query<{ ordinal: string; id: string; file: string; bytes: Buffer }>(
    'SELECT ordinal, id, file, bytes FROM knowledge_sources WHERE id = ANY($1) OR file = ANY($2)',
    [ids, files],
  );
  let removed: { id: string; title: string | null; file: string } | null = null;
  for (const row of rows) {
    const document = parseKnowledgeDocument(row.file, new Uint8Array(row.bytes));
    await write([sourceRows(document).statistics], -1);
    await client.query('DELETE FROM knowledge_sources WHERE ordinal = $1', [row.ordinal]);
    if (row.id === ids[0]) removed = { id: row.id, title: document.meta.title, file: row.file };
  }
  return removed;
}

/** The sources' shares summed (the one aggregation both ways of writing statistics use). */
export function sumStatistics(statistics: readonly SourceStatistics[]): StatisticsShare {
  const terms = new Map<string, TermCounts>();
  const words = new Map<string, { stem: string; sources: number }>();
  const totals = { sentences: 0, passages: 0, sentenceLength: 0, passageLength: 0 };
  for (const source of statistics) {
    for (const [stem, counts] of source.terms) {
      const known = terms.get(stem);
      if (known) {
        known.sentences += counts.sentences;
        known.passages += counts.passages;
        known.described += counts.described;
      } else terms.set(stem, { ...counts });
    }
    source.words.forEach((word, at) => {
      const known = words.get(word);
      if (known) known.sources++;
      else words.set(word, { stem: source.wordStems[at] as string, sources: 1 });
    });
    totals.sentences += source.sentences;
    totals.passages += source.passages;
    totals.sentenceLength += source.sentenceLength;
    totals.passageLength += source.passageLength;
  }
  return { terms, words, totals };
}

/** Adds (sign 1) or takes out (sign −1) sources' shares of the term, word and total statistics. */
export async function addStatistics(
  client: pg.PoolClient,
  statistics: readonly SourceStatistics[],
  sign: 1 | -1,
): Promise<void> {
  const { terms, words, totals } = sumStatistics(statistics);
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
      ordered.map((word) => words.get(word)?.stem as string),
      ordered.map((word) => sign * (words.get(word)?.sources ?? 0)),
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
