import pg from 'pg';
import type { DocumentMeta, KnowledgeDocument, KnowledgeProblem, Paragraph } from '../knowledge/types.js';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrations.js';
import {
  type CandidateRule,
  type CandidateScoring,
  type CandidateSentence,
  PARALLEL_READS,
  readCandidateSentences,
  readParagraphSentences,
  readPassages,
  readSourceDetails,
  readTextSample,
  type SourceDetails,
  type StoredPassage,
} from './candidate-reads.js';
import { ImportStatistics } from './import-statistics.js';
import { BULK_IMPORT_INDEXES, KNOWLEDGE_MIGRATIONS, KNOWLEDGE_MIGRATIONS_TABLE } from './schema.js';
import type { SourceStatistics } from './source-rows.js';
import { addStatistics, lockTotals, removeSources, type StatisticsWriter } from './statistics.js';
import { insertSources, prepareBatch } from './write-batch.js';

export type {
  CandidateRule,
  CandidateScoring,
  CandidateSentence,
  SourceDetails,
  StoredPassage,
} from './candidate-reads.js';

/** The channel every write notifies, with the changed source's id as payload. */
export const KNOWLEDGE_CHANNEL = 'knowledge_changed';

/** How long a connection attempt may take before a query fails (and the answer says so). */
const CONNECT_TIMEOUT_MS = 3000;
/** Sources written per transaction by a bulk import. */
export const IMPORT_BATCH = 200;

/** Stands for a quotable paragraph in a catalogue entry, which holds no text. */
const COUNTED_PARAGRAPH: Paragraph = Object.freeze({
  number: 0,
  readerNumber: null,
  start: 0,
  end: 0,
  sentences: [],
  boilerplate: null,
}) as Paragraph;

/** Frozen placeholder lists by length, shared by every catalogue entry with that many paragraphs. */
const countedLists = new Map<number, readonly Paragraph[]>();

/**
 * A catalogue entry's paragraphs, only counted (the sources list's passages): one frozen list of
 * placeholders shared by all entries of that length, so the catalogue costs a replica about
 * 0.5 KB a source, not a pointer per paragraph on top.
 */
function countedParagraphs(count: number): Paragraph[] {
  let list = countedLists.get(count);
  if (!list) {
    list = Object.freeze(new Array<Paragraph>(count).fill(COUNTED_PARAGRAPH));
    countedLists.set(count, list);
  }
  return list as Paragraph[];
}

/** The files in batches of IMPORT_BATCH (one transaction each). */
async function* inBatches(files: readonly KnowledgeFile[]): AsyncGenerator<readonly KnowledgeFile[]> {
  for (let at = 0; at < files.length; at += IMPORT_BATCH) yield files.slice(at, at + IMPORT_BATCH);
}

/** A knowledge file to store: its name in the folder and its exact bytes. */
export interface KnowledgeFile {
  file: string;
  bytes: Uint8Array;
  /** The file already parsed (by `loadKnowledge`), to skip parsing it again. */
  document?: KnowledgeDocument;
}

/** The library-wide figures BM25 needs. */
export interface LibraryTotals {
  sentences: number;
  passages: number;
  sentenceLength: number;
  passageLength: number;
}

/** Sentences and passages holding a stem, and sources describing it (title, publisher…). */
export interface TermFrequency {
  sentences: number;
  passages: number;
  described: number;
}

/** A source in the catalogue: everything but its body (the sources list, filters, citations). */
export type CatalogueEntry = KnowledgeDocument;

/**
 * Heap pages a bitmap scan of this process's sessions asks the disk for ahead of reading them
 * (PostgreSQL's default, 1, reads them one at a time): with the library not in memory, a
 * question's candidate sentences (GIN bitmap scans) come about twice as fast (docs/benchmarks.md).
 */
const PREFETCHED_PAGES = 128;

/**
 * The knowledge in PostgreSQL: sources with their exact bytes, their passages and sentences
 * (stems in a GIN-indexed `tsvector`), and the term statistics, kept in step in each write's
 * transaction. Every write notifies KNOWLEDGE_CHANNEL so other processes refresh what they cache.
 * Holds no knowledge in memory itself.
 */
export class KnowledgeDatabase {
  private constructor(
    private readonly pool: pg.Pool,
    /** The URL, kept only to open the listener's own connection; never logged. */
    readonly url: string,
  ) {}

  /** Connects to DATABASE_URL and brings the knowledge schema up to date; throws when it cannot. */
  static async open(url: string): Promise<KnowledgeDatabase> {
    const pool = new pg.Pool({
      connectionString: url,
      // The paragraphs and the sources' details of an answer are read on PARALLEL_READS sessions each.
      max: 2 * PARALLEL_READS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // Where the server cannot prefetch (no posix_fadvise), it refuses the setting: reads stay as they were.
      onConnect: (client) =>
        client.query(`SET effective_io_concurrency = ${PREFETCHED_PAGES}`).then(
          () => undefined,
          () => undefined,
        ),
    });
    // An idle client losing its connection must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    const db = new KnowledgeDatabase(pool, url);
    try {
      await createTrigramExtension(pool);
      await migrate(db.asDatabase(), KNOWLEDGE_MIGRATIONS, KNOWLEDGE_MIGRATIONS_TABLE);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return db;
  }

  /** True when the database answers a trivial query now. */
  async reachable(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Stores the files (parsed by the folder engine's loader), replacing a source with the same id
   * or file name; files that do not parse are returned as problems and not stored. One
   * transaction per IMPORT_BATCH files.
   *
   * `files` may also come as batches read as they are needed (a folder's import), each stored in
   * its own transaction; `stored` hears how many sources are stored so far after each.
   *
   * A fresh bulk import (more than one batch into an empty store; batches into an empty store
   * always) builds the secondary indexes once at the end, and sums the statistics in this
   * process, writing them in one transaction at the end: the same rows as batch by batch. Until
   * then other processes see the sources without their statistics. When a batch fails, the
   * statistics of those already stored are still written; when that last write fails, the error
   * says so (the store holds sources without statistics: empty it and import again).
   */
  async put(
    files: readonly KnowledgeFile[] | AsyncIterable<readonly KnowledgeFile[]>,
    stored?: (sources: number) => void,
  ): Promise<{ ids: string[]; problems: KnowledgeProblem[] }> {
    const ids: string[] = [];
    const problems: KnowledgeProblem[] = [];
    const listed = Array.isArray(files) ? (files as readonly KnowledgeFile[]) : null;
    const batches = listed ? inBatches(listed) : (files as AsyncIterable<readonly KnowledgeFile[]>);
    const fresh = (listed === null || listed.length > IMPORT_BATCH) && (await this.isEmpty());
    const summed = fresh ? new ImportStatistics() : null;
    if (fresh)
      for (const index of BULK_IMPORT_INDEXES) await this.pool.query(`DROP INDEX IF EXISTS ${index.name}`);
    try {
      // The next batch is parsed and indexed here while the database writes the previous one.
      let writing: Promise<void> = Promise.resolve();
      for await (const next of batches) {
        const batch = await prepareBatch(next, problems);
        await writing;
        if (batch.length === 0) continue;
        // A fresh import's shares count once their batch is stored.
        const shares: Array<[readonly SourceStatistics[], 1 | -1]> = [];
        writing = this.transaction(async (client) => {
          const write: StatisticsWriter = summed
            ? async (statistics, sign) => void shares.push([statistics, sign])
            : (statistics, sign) => addStatistics(client, statistics, sign);
          await lockTotals(client);
          await removeSources(
            client,
            batch.map(({ document }) => document.meta.id),
            batch.map(({ document }) => document.file),
            write,
          );
          await insertSources(client, batch);
          await write(
            batch.map(({ rows }) => rows.statistics),
            1,
          );
          await client.query('SELECT pg_notify($1, id) FROM unnest($2::text[]) AS id', [
            KNOWLEDGE_CHANNEL,
            batch.map(({ document }) => document.meta.id),
          ]);
          ids.push(...batch.map(({ document }) => document.meta.id));
        }).then(() => {
          for (const [statistics, sign] of shares) summed?.add(statistics, sign);
          stored?.(ids.length);
        });
      }
      await writing;
    } finally {
      if (summed) await this.finishFreshImport(summed);
    }
    return { ids, problems };
  }

  /**
   * Writes a fresh import's statistics and builds the indexes it dropped; the sentences' index
   * builds meanwhile, on a connection of its own (another table, another core).
   */
  private async finishFreshImport(summed: ImportStatistics): Promise<void> {
    const finished = await Promise.allSettled([
      this.buildIndexes('knowledge_sentences'),
      this.writeImportStatistics(summed).finally(() => this.buildIndexes('knowledge_words')),
    ]);
    // The tables are all new: the planner learns them now, not when autovacuum gets to them
    // under the first questions, and all-visible pages let corrections read the spelling
    // index alone.
    await this.pool.query(
      'VACUUM (ANALYZE) knowledge_sources, knowledge_passages, knowledge_sentences, knowledge_terms, knowledge_words',
    );
    for (const outcome of finished) if (outcome.status === 'rejected') throw outcome.reason;
  }

  /** Builds the bulk import's indexes of `table` that are missing. */
  private async buildIndexes(table: string): Promise<void> {
    for (const index of BULK_IMPORT_INDEXES)
      if (index.table === table)
        await this.pool.query(`CREATE INDEX IF NOT EXISTS ${index.name} ON ${table} ${index.definition}`);
  }

  /** Writes a fresh import's statistics in one transaction; says so loudly when it cannot. */
  private async writeImportStatistics(summed: ImportStatistics): Promise<void> {
    try {
      await this.transaction(async (client) => {
        await lockTotals(client);
        await summed.write(client);
      });
    } catch (error) {
      throw new Error(
        "knowledge import: the sources were stored but their statistics could not be written; remove the knowledge tables' rows (or the database) and import again",
        { cause: error },
      );
    }
  }

  /** True when nothing is stored: no source, and no statistics left by removed ones. */
  private async isEmpty(): Promise<boolean> {
    const { rows } = await this.pool.query<{ empty: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM knowledge_sources) AND NOT EXISTS (SELECT 1 FROM knowledge_words)
         AND NOT EXISTS (SELECT 1 FROM knowledge_terms) AS empty`,
    );
    return rows[0]?.empty === true;
  }

  /** Removes the source with this id; returns its citation fields and file, or null when there is none. */
  async remove(id: string): Promise<{ id: string; title: string | null; file: string } | null> {
    return this.transaction(async (client) => {
      await lockTotals(client);
      const removed = await removeSources(client, [id], [], (statistics, sign) =>
        addStatistics(client, statistics, sign),
      );
      if (removed) await client.query('SELECT pg_notify($1, $2)', [KNOWLEDGE_CHANNEL, id]);
      return removed;
    });
  }

  /** Every source's file name and exact bytes, in the order they were added. */
  async *files(): AsyncGenerator<KnowledgeFile> {
    let after = '0';
    for (;;) {
      const { rows } = await this.pool.query<{ ordinal: string; file: string; bytes: Buffer }>(
        'SELECT ordinal, file, bytes FROM knowledge_sources WHERE ordinal > $1 ORDER BY ordinal LIMIT 500',
        [after],
      );
      for (const row of rows) yield { file: row.file, bytes: new Uint8Array(row.bytes) };
      if (rows.length < 500) return;
      after = (rows[rows.length - 1] as { ordinal: string }).ordinal;
    }
  }

  /** The catalogue: every source's citation fields (no body), in the order they were added. */
  async catalogue(ids?: readonly string[]): Promise<Array<{ ordinal: number; entry: CatalogueEntry }>> {
    const { rows } = await this.pool.query<{
      ordinal: string;
      file: string;
      meta: DocumentMeta;
      format: string | null;
      passages: number;
    }>(
      ids
        ? 'SELECT ordinal, file, meta, format, passages FROM knowledge_sources WHERE id = ANY($1) ORDER BY ordinal'
        : 'SELECT ordinal, file, meta, format, passages FROM knowledge_sources ORDER BY ordinal',
      ids ? [ids] : [],
    );
    return rows.map((row) => ({
      ordinal: Number(row.ordinal),
      entry: {
        meta: row.meta,
        format: row.format as KnowledgeDocument['format'],
        pageStarts: null,
        file: row.file,
        body: '',
        paragraphs: countedParagraphs(row.passages),
      },
    }));
  }

  /** The best candidate sentences (candidate-reads.ts `readCandidateSentences`). */
  candidateSentences(
    rule: CandidateRule,
    scoring: CandidateScoring,
    limit: number,
    within: readonly number[] | null = null,
  ): Promise<CandidateSentence[]> {
    return readCandidateSentences(this.pool, rule, scoring, limit, within);
  }

  /** Every sentence of these paragraphs, scored (candidate-reads.ts `readParagraphSentences`). */
  paragraphSentences(
    paragraphs: ReadonlyArray<{ source: number; passage: number }>,
    scoring: CandidateScoring,
  ): Promise<CandidateSentence[]> {
    return readParagraphSentences(this.pool, paragraphs, scoring);
  }

  /** The quotable paragraphs of these sentences (candidate-reads.ts `readPassages`). */
  passagesOf(sentences: readonly CandidateSentence[]): Promise<StoredPassage[]> {
    return readPassages(this.pool, sentences);
  }

  /** Text from sources spread through the library, for its languages (candidate-reads.ts `readTextSample`). */
  textSample(count: number, chars: number): Promise<Array<{ ordinal: number; text: string }>> {
    return readTextSample(this.pool, count, chars);
  }

  /** Sources' page starts and question stems held (candidate-reads.ts `readSourceDetails`). */
  sourceDetails(ordinals: readonly number[], stems: readonly string[]): Promise<Map<number, SourceDetails>> {
    return readSourceDetails(this.pool, ordinals, stems);
  }

  async totals(): Promise<LibraryTotals> {
    const { rows } = await this.pool.query<Record<keyof LibraryTotals, string>>(
      'SELECT sentences, passages, sentence_length AS "sentenceLength", passage_length AS "passageLength" FROM knowledge_totals',
    );
    const row = rows[0];
    return {
      sentences: Number(row?.sentences ?? 0),
      passages: Number(row?.passages ?? 0),
      sentenceLength: Number(row?.sentenceLength ?? 0),
      passageLength: Number(row?.passageLength ?? 0),
    };
  }

  /** Frequencies of the stems the library holds (stems it does not hold are left out). */
  async frequencies(stems: readonly string[]): Promise<Map<string, TermFrequency>> {
    const found = new Map<string, TermFrequency>();
    if (stems.length === 0) return found;
    const { rows } = await this.pool.query<{
      stem: string;
      sentences: string;
      passages: string;
      described: string;
    }>(
      'SELECT stem, sentences, passages, described FROM knowledge_terms WHERE stem = ANY($1) AND (sentences > 0 OR described > 0)',
      [stems],
    );
    for (const row of rows)
      found.set(row.stem, {
        sentences: Number(row.sentences),
        passages: Number(row.passages),
        described: Number(row.described),
      });
    return found;
  }

  /** Which of these words the library's sources use. */
  async knownWords(words: readonly string[]): Promise<Set<string>> {
    if (words.length === 0) return new Set();
    const { rows } = await this.pool.query<{ word: string }>(
      'SELECT word FROM knowledge_words WHERE word = ANY($1) AND sources > 0',
      [words],
    );
    return new Set(rows.map((row) => row.word));
  }

  /**
   * Per word of `words`, the library's words that could be corrections of it, in order of first
   * occurrence: those of its bucket (same first letter, length within `lengthDifference`) whose
   * letter set differs from its own in at most `letterSetDifference` letters (what two edits can
   * change, as fuzzy.ts checks), and its transpositions. One round trip for all the words; more
   * than `limit` for one word keeps the `limit` closest by trigram similarity (pg_trgm).
   */
  async correctionCandidates(
    words: readonly string[],
    lengthDifference: number,
    letterSetDifference: number,
    limit: number,
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>(words.map((word) => [word, []]));
    if (words.length === 0) return found;
    const { rows } = await this.pool.query<{ asked: string; word: string }>(
      `WITH q AS MATERIALIZED (
         SELECT word, swaps, knowledge_letter_set(word) AS letters
         FROM unnest($1::text[], $2::text[]) AS u (word, swaps)
       )
       SELECT q.word AS asked, c.word FROM q CROSS JOIN LATERAL (
         SELECT k.word, k.first_seen, public.similarity(k.word, q.word) AS closeness
         FROM knowledge_words k
         WHERE left(k.word, 1) = left(q.word, 1)
           AND length(k.word) BETWEEN length(q.word) - $3 AND length(q.word) + $3
           AND k.sources > 0 AND bit_count((k.letters # q.letters)::bit(32)) <= $4
         UNION
         SELECT k.word, k.first_seen, public.similarity(k.word, q.word)
         FROM knowledge_words k WHERE k.word = ANY(string_to_array(q.swaps, ' ')) AND k.sources > 0
         ORDER BY closeness DESC LIMIT $5
       ) AS c
       ORDER BY q.word, c.first_seen`,
      [
        words,
        words.map((word) => transpositions(word).join(' ')),
        lengthDifference,
        letterSetDifference,
        limit,
      ],
    );
    for (const row of rows) found.get(row.asked)?.push(row.word);
    return found;
  }

  /** Stems of the library's words filed under any of these lemma keys. */
  async lemmaStems(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<{ stem: string }>(
      'SELECT DISTINCT stem FROM knowledge_words WHERE lemma_keys && $1 AND sources > 0',
      [keys],
    );
    return rows.map((row) => row.stem);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The pool as the store's small Database interface, for the shared migration runner. */
  private asDatabase(): Database {
    const pool = this.pool;
    return {
      kind: 'postgres',
      async run(sql, params = []) {
        await pool.query(sql, [...params]);
      },
      async all<Row extends object>(sql: string, params: readonly unknown[] = []) {
        return (await pool.query(sql, [...params])).rows as Row[];
      },
      migrate: (statements) =>
        this.transaction(async (client) => {
          await client.query(statements);
        }),
      close: () => this.close(),
    };
  }
}

/**
 * `pg_trgm` is database-wide: two processes migrating at once (replicas starting together) may
 * both try to create it, and the loser's error only means the other one did.
 */
async function createTrigramExtension(pool: pg.Pool): Promise<void> {
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42710') throw error;
  }
}

/** The word with each pair of neighbouring letters swapped. */
function transpositions(word: string): string[] {
  const found: string[] = [];
  for (let at = 0; at + 1 < word.length; at++)
    found.push(word.slice(0, at) + (word[at + 1] as string) + (word[at] as string) + word.slice(at + 2));
  return found;
}
