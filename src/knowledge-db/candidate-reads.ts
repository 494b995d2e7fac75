import type pg from 'pg';
import { quoteLexeme } from './source-rows.js';

/*
 * What answering reads of the knowledge in PostgreSQL beyond the vocabulary: the paragraphs of
 * the best candidate sentences, and details of the sources they are in.
 */

/**
 * Which sentences are candidates: those holding any of the stems (each rare in the library), or
 * those holding all of them (the two rarest, when none is rare).
 */
export interface CandidateRule {
  holds: 'any' | 'all';
  stems: readonly string[];
}

/**
 * A candidate sentence: its source (ordinal), paragraph and position there, its score, and which
 * of the question's concepts it holds (bit c for `CandidateScoring.concepts[c]`, the first 31).
 */
export interface CandidateSentence {
  source: number;
  passage: number;
  position: number;
  score: number;
  concepts: number;
}

/** A quotable paragraph as answering reads it: its text and its quotable sentences' offsets in the body. */
export interface StoredPassage {
  /** The source's ordinal. */
  source: number;
  readerNumber: number;
  start: number;
  end: number;
  text: string;
  sentences: Array<{ start: number; end: number }>;
}

/** A source's page starts (a PDF's, else null) and which of the question's stems it holds anywhere. */
export interface SourceDetails {
  pageStarts: number[] | null;
  holds: string[];
}

/**
 * How the database scores a candidate sentence: as the folder engine's first stage scores a
 * sentence on its own words (BM25, each concept of the question by its best form held), each
 * form counted once (its count in the sentence is not read).
 */
export interface CandidateScoring {
  /** Per concept of the question, its forms' stems, each with its form weight × sentence idf. */
  concepts: ReadonlyArray<ReadonlyArray<{ stem: string; weight: number }>>;
  /** BM25's length normalisation: its k1 and b, and the library's average sentence length. */
  k1: number;
  b: number;
  averageLength: number;
}

/**
 * The `limit` best candidate sentences, best first: those holding any of the `rule`'s stems, or
 * all of them (the first stage's candidate rule: a rare question stem, or the two rarest
 * together), best by `scoring`; only among the sources `within` (ordinals) when given.
 * `readParagraphSentences` then scores every sentence of their paragraphs.
 *
 * The database reads about as many rows as it returns, however large the library:
 * - "any": every sentence holding two or more of the rule's stems (an intersection in the GIN
 *   index, so few), then, heaviest stem first, up to `limit` holding each until `limit` are read;
 * - "all" (common stems): up to `limit` also holding another question stem, then up to `limit`.
 * Past `limit` sentences, which ones are read follows the index's order, not the commoner
 * question words they hold (and lighter stems' are not read at all).
 */
export async function readCandidateSentences(
  pool: pg.Pool,
  rule: CandidateRule,
  scoring: CandidateScoring,
  limit: number,
  within: readonly number[] | null = null,
): Promise<CandidateSentence[]> {
  if (rule.stems.length === 0) return [];
  const scored = new Map<string, CandidateSentence>();
  const read = async (stems: readonly string[], join: ' & ' | ' | ', bounded: boolean) => {
    const which = { tsquery: stems.join(join), limit: bounded ? limit : null, within };
    for (const row of await heldConcepts(pool, scoring, which))
      scored.set(`${row.source}:${row.passage}:${row.position}`, scoreSentence(row, scoring));
  };
  const stems = rule.stems.map(quoteLexeme);
  const weighted = scoring.concepts.flat();
  if (rule.holds === 'all') {
    // Common stems: those also holding another question stem first, then any, `limit` of each.
    const others = [...new Set(weighted.map(({ stem }) => quoteLexeme(stem)))].filter(
      (stem) => !stems.includes(stem),
    );
    if (others.length > 0) await read([...stems, `(${others.join(' | ')})`], ' & ', true);
    if (scored.size < limit) await read(stems, ' & ', true);
  } else {
    const pairs = stems.flatMap((stem, at) => stems.slice(at + 1).map((other) => `(${stem} & ${other})`));
    const weightOf = new Map<string, number>();
    for (const { stem, weight } of weighted)
      weightOf.set(quoteLexeme(stem), Math.max(weight, weightOf.get(quoteLexeme(stem)) ?? 0));
    const [heaviest, ...lighter] = [...stems].sort((a, b) => (weightOf.get(b) ?? 0) - (weightOf.get(a) ?? 0));
    // The pairs and the heaviest stem's sentences (nearly always needed) are read at once.
    await Promise.all([
      pairs.length > 0 ? read(pairs, ' | ', false) : undefined,
      heaviest ? read([heaviest], ' & ', true) : undefined,
    ]);
    for (const stem of lighter) {
      if (scored.size >= limit) break;
      await read([stem], ' & ', true);
    }
  }
  return [...scored.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}

/** The quotable paragraphs the `sentences` are in, in source and paragraph order. */
export async function readPassages(
  pool: pg.Pool,
  sentences: readonly CandidateSentence[],
): Promise<StoredPassage[]> {
  const paragraphs = new Map<string, { source: number; passage: number }>();
  for (const { source, passage } of sentences) paragraphs.set(`${source}:${passage}`, { source, passage });
  const ordered = [...paragraphs.values()].sort((a, b) => a.source - b.source || a.passage - b.passage);
  return readInRanges(ordered, (range) => readPassageRows(pool, range));
}

/**
 * Sessions the paragraphs, and the sources' details, are each read on at once (the pool holds
 * twice as many): from a cold disk, 3 took the paragraphs of a 5M library from 52 to 29 ms.
 */
export const PARALLEL_READS = 3;

/**
 * `read` of `items` in up to PARALLEL_READS consecutive ranges at once, the results in the
 * ranges' order: read from disk, each row is a wait on its own pages, and the ranges' waits
 * overlap on sessions of their own.
 */
async function readInRanges<T, R>(
  items: readonly T[],
  read: (range: readonly T[]) => Promise<R[]>,
): Promise<R[]> {
  const size = Math.ceil(items.length / PARALLEL_READS);
  const ranges: T[][] = [];
  for (let at = 0; at < items.length; at += size) ranges.push(items.slice(at, at + size));
  return (await Promise.all(ranges.map(read))).flat();
}

/** The paragraphs of these (source, paragraph) pairs, each once, in source and paragraph order. */
async function readPassageRows(
  pool: pg.Pool,
  paragraphs: ReadonlyArray<{ source: number; passage: number }>,
): Promise<StoredPassage[]> {
  const { rows } = await pool.query<{
    source: string;
    reader_number: number;
    start_offset: number;
    end_offset: number;
    text: string;
    sentence_starts: number[];
    sentence_ends: number[];
  }>(
    `SELECT p.source, p.reader_number, p.start_offset, p.end_offset, p.text, p.sentence_starts, p.sentence_ends
     FROM unnest($1::bigint[], $2::int[]) AS c (source, passage)
     JOIN knowledge_passages p ON p.source = c.source AND p.position = c.passage
     ORDER BY p.source, p.position`,
    [paragraphs.map((row) => row.source), paragraphs.map((row) => row.passage)],
  );
  return rows.map((row) => ({
    source: Number(row.source),
    readerNumber: row.reader_number,
    start: row.start_offset,
    end: row.end_offset,
    text: row.text,
    sentences: row.sentence_starts.map((start, at) => ({ start, end: row.sentence_ends[at] as number })),
  }));
}

/**
 * Per source (ordinal), its page starts (a PDF's, else null) and which of `stems` its
 * sentences hold anywhere: what ranking counts of a source beyond the paragraphs read.
 */
export async function readSourceDetails(
  pool: pg.Pool,
  ordinals: readonly number[],
  stems: readonly string[],
): Promise<Map<number, SourceDetails>> {
  const found = new Map<number, SourceDetails>();
  const rows = await readInRanges(ordinals, (range) => readDetailRows(pool, range, stems));
  for (const row of rows) found.set(Number(row.ordinal), { pageStarts: row.page_starts, holds: row.holds });
  return found;
}

async function readDetailRows(
  pool: pg.Pool,
  ordinals: readonly number[],
  stems: readonly string[],
): Promise<Array<{ ordinal: string; page_starts: number[] | null; holds: string[] }>> {
  const { rows } = await pool.query<{ ordinal: string; page_starts: number[] | null; holds: string[] }>(
    // Each source's stems are read (detoasted) once, not once per stem asked: a third faster.
    `SELECT s.ordinal, s.page_starts,
       ARRAY(SELECT w.stem FROM unnest($2::text[], $3::tsquery[]) AS w (stem, query) WHERE own.terms @@ w.query) AS holds
     FROM knowledge_sources s CROSS JOIN LATERAL (SELECT strip(s.terms) AS terms OFFSET 0) AS own
     WHERE s.ordinal = ANY($1)`,
    [ordinals, stems, stems.map(quoteLexeme)],
  );
  return rows;
}

/**
 * The first `chars` characters of the quotable text of up to `count` sources spread evenly
 * through the library (by ordinal): what tells its languages and common words.
 */
export async function readTextSample(
  pool: pg.Pool,
  count: number,
  chars: number,
): Promise<Array<{ ordinal: number; text: string }>> {
  const { rows } = await pool.query<{ ordinal: string; text: string }>(
    `SELECT s.ordinal, left(string_agg(p.text, E'\n' ORDER BY p.position), $2) AS text
     FROM (SELECT ordinal, row_number() OVER (ORDER BY ordinal) AS n, count(*) OVER () AS total
           FROM knowledge_sources) AS s
     CROSS JOIN LATERAL (SELECT position, text FROM knowledge_passages
                         WHERE source = s.ordinal ORDER BY position LIMIT 8) AS p
     WHERE (s.n - 1) % greatest(1, ceil(s.total::numeric / $1)::bigint) = 0
     GROUP BY s.ordinal ORDER BY s.ordinal`,
    [count, chars],
  );
  return rows.map((row) => ({ ordinal: Number(row.ordinal), text: row.text }));
}

/** A sentence as read for scoring: where it is, its length, and per concept its best form's weight held (or null). */
interface HeldRow {
  source: string;
  passage: number;
  position: number;
  length: number;
  held: Array<number | null>;
}

/**
 * The sentences matching `tsquery` (at most `limit` when given), or every sentence of the
 * `paragraphs`, each with its length and, per concept of `scoring`, the weight of its best form
 * the sentence holds (null when none); only among the sources `within` when given.
 */
async function heldConcepts(
  pool: pg.Pool,
  scoring: CandidateScoring,
  which:
    | { tsquery: string; limit: number | null; within: readonly number[] | null }
    | { paragraphs: ReadonlyArray<{ source: number; passage: number }> },
): Promise<HeldRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const held = (stem: string, weight: number) =>
    `CASE WHEN s.terms @@ ${param(quoteLexeme(stem))}::tsquery THEN ${param(weight)}::float8 END`;
  const concepts = scoring.concepts.map((forms) =>
    forms.length > 0 ? `greatest(${forms.map(({ stem, weight }) => held(stem, weight)).join(', ')})` : 'NULL',
  );
  const columns = `s.source, s.passage, s.position, s.length, ARRAY[${concepts.join(', ')}]::float8[] AS held`;
  const { rows } =
    'tsquery' in which
      ? await pool.query<HeldRow>(
          `SELECT ${columns} FROM knowledge_sentences s
           WHERE s.terms @@ ${param(which.tsquery)}::tsquery
             AND (${param(which.within)}::bigint[] IS NULL OR s.source = ANY(${param(which.within)}))
           LIMIT ${param(which.limit)}`,
          params,
        )
      : await pool.query<HeldRow>(
          `SELECT ${columns} FROM unnest(${param(which.paragraphs.map((p) => p.source))}::bigint[],
             ${param(which.paragraphs.map((p) => p.passage))}::int[]) AS c (source, passage)
           JOIN knowledge_sentences s ON s.source = c.source AND s.passage = c.passage`,
          params,
        );
  return rows;
}

/**
 * Every sentence of these paragraphs, scored as `scoring` says (those holding no question word
 * too), read in source and paragraph order on PARALLEL_READS sessions at once.
 */
export async function readParagraphSentences(
  pool: pg.Pool,
  paragraphs: ReadonlyArray<{ source: number; passage: number }>,
  scoring: CandidateScoring,
): Promise<CandidateSentence[]> {
  const ordered = [...paragraphs].sort((a, b) => a.source - b.source || a.passage - b.passage);
  const rows = await readInRanges(ordered, (range) => heldConcepts(pool, scoring, { paragraphs: range }));
  return rows.map((row) => scoreSentence(row, scoring));
}

/** A read sentence scored as `scoring` says, with the concepts it holds as bits. */
function scoreSentence(row: HeldRow, scoring: CandidateScoring): CandidateSentence {
  const { k1, b, averageLength } = scoring;
  let sum = 0;
  let concepts = 0;
  row.held.forEach((weight, c) => {
    if (weight === null) return;
    sum += weight;
    if (c < 31) concepts |= 1 << c;
  });
  const score = (sum * (k1 + 1)) / (1 + k1 * (1 - b + (b * row.length) / averageLength));
  return { source: Number(row.source), passage: row.passage, position: row.position, score, concepts };
}
