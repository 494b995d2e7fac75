import type { Migration } from '../store/migrations.js';

/** The table that keeps which knowledge migrations ran (the curator store's are in `schema_migrations`). */
export const KNOWLEDGE_MIGRATIONS_TABLE = 'knowledge_migrations';

/**
 * The knowledge in PostgreSQL, versioned like the curator store's schema: add a version to change
 * it, never edit one that has shipped.
 *
 * - `knowledge_sources`: one row per knowledge file: its name and exact bytes (what `export`
 *   writes back), its citation fields for the sources list, its page starts (a PDF's), and the
 *   distinct stems of its sentences (`terms`, a `tsvector`: which question words it holds).
 *   Version 1 also kept the body and a parsed copy; version 2 dropped them (answers read
 *   paragraphs, not whole sources).
 * - `knowledge_passages`, `knowledge_sentences`: the quotable paragraphs (with their text, the
 *   exact slice of the body) and sentences, by offsets into the body; each sentence's stems (the
 *   engine's own, Porter) as a `tsvector` whose positions count the stem's occurrences, with a
 *   GIN index: the first stage's candidates. Since version 4 a paragraph also keeps its
 *   sentences' offsets, so an answer reads the paragraphs alone, and a sentence no longer keeps
 *   its text (its paragraph's, cut at those offsets).
 * - `knowledge_terms`: per stem, how many sentences and passages hold it and how many sources
 *   describe it (title, publisher…): BM25's document frequencies.
 * - `knowledge_words`: the surface words, for spelling corrections (bucketed as the folder engine
 *   does; version 3 keeps each word's letter set in a covering index, so a correction reads only
 *   the index entries of its bucket and keeps those two edits could reach) and lemma variants.
 * - `knowledge_totals`: sentence and passage counts and length sums (BM25's averages).
 */
/**
 * The secondary indexes a fresh bulk import drops and builds once at the end (far faster than
 * entry by entry), each as the latest migration defines it.
 */
export const BULK_IMPORT_INDEXES: ReadonlyArray<{ table: string; name: string; definition: string }> =
  Object.freeze([
    { table: 'knowledge_sentences', name: 'knowledge_sentences_terms', definition: 'USING GIN (terms)' },
    {
      table: 'knowledge_words',
      name: 'knowledge_words_spelling',
      definition: '(left(word, 1), length(word)) INCLUDE (letters, sources, word, first_seen)',
    },
    { table: 'knowledge_words', name: 'knowledge_words_lemmas', definition: 'USING GIN (lemma_keys)' },
  ]);

export const KNOWLEDGE_MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'knowledge sources, passages, sentences and term statistics',
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE TABLE knowledge_sources (
        ordinal BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        file TEXT NOT NULL UNIQUE,
        bytes BYTEA NOT NULL,
        meta JSONB NOT NULL,
        body TEXT NOT NULL,
        stored TEXT NOT NULL,
        format TEXT,
        passages INTEGER NOT NULL,
        sentences INTEGER NOT NULL,
        added_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE knowledge_passages (
        source BIGINT NOT NULL REFERENCES knowledge_sources (ordinal) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reader_number INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        PRIMARY KEY (source, position)
      );
      CREATE TABLE knowledge_sentences (
        source BIGINT NOT NULL REFERENCES knowledge_sources (ordinal) ON DELETE CASCADE,
        passage INTEGER NOT NULL,
        position INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        text TEXT NOT NULL,
        terms TSVECTOR NOT NULL,
        PRIMARY KEY (source, passage, position)
      );
      CREATE INDEX knowledge_sentences_terms ON knowledge_sentences USING GIN (terms);
      CREATE TABLE knowledge_terms (
        stem TEXT PRIMARY KEY,
        sentences BIGINT NOT NULL,
        passages BIGINT NOT NULL,
        described BIGINT NOT NULL
      ) WITH (fillfactor = 70);
      CREATE TABLE knowledge_words (
        word TEXT PRIMARY KEY,
        stem TEXT NOT NULL,
        sources BIGINT NOT NULL,
        first_seen BIGINT NOT NULL,
        lemma_keys TEXT[] NOT NULL
      ) WITH (fillfactor = 70);
      CREATE INDEX knowledge_words_bucket ON knowledge_words (left(word, 1), length(word));
      CREATE INDEX knowledge_words_lemmas ON knowledge_words USING GIN (lemma_keys);
      CREATE TABLE knowledge_totals (
        one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
        sentences BIGINT NOT NULL,
        passages BIGINT NOT NULL,
        sentence_length BIGINT NOT NULL,
        passage_length BIGINT NOT NULL,
        words_seen BIGINT NOT NULL
      );
      INSERT INTO knowledge_totals VALUES (TRUE, 0, 0, 0, 0, 0);
    `,
  },
  {
    version: 2,
    name: 'answers read the candidate paragraphs, not whole sources',
    sql: `
      CREATE FUNCTION pg_temp.utf16_slice(body TEXT, first INTEGER, last INTEGER) RETURNS TEXT
      LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
          at INTEGER := 1;
          units INTEGER := 0;
          from_char INTEGER;
        BEGIN
          -- Offsets count UTF-16 code units (JavaScript's); PostgreSQL counts characters.
          IF body !~ '[U00010000-U0010FFFF]' THEN RETURN substr(body, first + 1, last - first); END IF;
          WHILE units < first LOOP
            units := units + CASE WHEN ascii(substr(body, at, 1)) > 65535 THEN 2 ELSE 1 END;
            at := at + 1;
          END LOOP;
          from_char := at;
          WHILE units < last LOOP
            units := units + CASE WHEN ascii(substr(body, at, 1)) > 65535 THEN 2 ELSE 1 END;
            at := at + 1;
          END LOOP;
          RETURN substr(body, from_char, at - from_char);
        END
      $$;
      ALTER TABLE knowledge_passages ADD COLUMN text TEXT;
      UPDATE knowledge_passages p SET text = pg_temp.utf16_slice(s.body, p.start_offset, p.end_offset)
        FROM knowledge_sources s WHERE s.ordinal = p.source;
      ALTER TABLE knowledge_passages ALTER COLUMN text SET NOT NULL;
      ALTER TABLE knowledge_sources ADD COLUMN terms TSVECTOR, ADD COLUMN page_starts INTEGER[];
      UPDATE knowledge_sources s SET
        terms = coalesce((SELECT array_to_tsvector(array_agg(DISTINCT u.lexeme))
          FROM knowledge_sentences x, unnest(x.terms) AS u WHERE x.source = s.ordinal), ''::tsvector),
        page_starts = CASE WHEN jsonb_typeof(s.stored::jsonb -> 'document' -> 'pageStarts') = 'array'
          THEN ARRAY(SELECT v::int FROM jsonb_array_elements_text(s.stored::jsonb -> 'document' -> 'pageStarts') AS v) END;
      ALTER TABLE knowledge_sources ALTER COLUMN terms SET NOT NULL, DROP COLUMN body, DROP COLUMN stored;
    `,
  },
  {
    version: 3,
    name: 'each word keeps its letter set, so corrections read only words two edits could reach',
    sql: `
      -- As fuzzy.ts letterSet: a bit per letter a–z, one bit (26) for anything else.
      CREATE FUNCTION knowledge_letter_set(word TEXT) RETURNS INTEGER
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(bit_or(CASE WHEN ascii(c) BETWEEN 97 AND 122 THEN 1 << (ascii(c) - 97) ELSE 1 << 26 END), 0)
        FROM regexp_split_to_table(word, '') AS c
      $$;
      ALTER TABLE knowledge_words ADD COLUMN letters INTEGER GENERATED ALWAYS AS (knowledge_letter_set(word)) STORED;
      -- Covers what a correction reads: an index-only scan of its bucket, no heap page per word.
      DROP INDEX knowledge_words_bucket;
      CREATE INDEX knowledge_words_spelling ON knowledge_words (left(word, 1), length(word))
        INCLUDE (letters, sources, word, first_seen);
    `,
  },
  {
    version: 4,
    name: "each paragraph keeps its sentences' offsets (answers read paragraphs alone); sentences drop their text",
    sql: `
      ALTER TABLE knowledge_passages ADD COLUMN sentence_starts INTEGER[], ADD COLUMN sentence_ends INTEGER[];
      UPDATE knowledge_passages p SET sentence_starts = x.starts, sentence_ends = x.ends
        FROM (SELECT source, passage, array_agg(start_offset ORDER BY position) AS starts,
                array_agg(end_offset ORDER BY position) AS ends
              FROM knowledge_sentences GROUP BY source, passage) AS x
        WHERE p.source = x.source AND p.position = x.passage;
      UPDATE knowledge_passages SET sentence_starts = '{}', sentence_ends = '{}' WHERE sentence_starts IS NULL;
      ALTER TABLE knowledge_passages ALTER COLUMN sentence_starts SET NOT NULL,
        ALTER COLUMN sentence_ends SET NOT NULL;
      -- A sentence's text is its paragraph's, cut at these offsets: the candidates' table narrows.
      ALTER TABLE knowledge_sentences DROP COLUMN text;
    `,
  },
]);
