import type pg from 'pg';
import type { SourceStatistics } from './source-rows.js';
import { lemmaKeys } from './source-rows.js';
import { sumStatistics, type TermCounts, type TotalCounts } from './statistics.js';

/** Rows per statement when the sums are written (a few MB of parameters each). */
const ROWS_PER_STATEMENT = 50_000;

/** A word as `knowledge_words` keeps it. */
interface WordRow {
  stem: string;
  sources: number;
  firstSeen: number;
  lemmaKeys: string[];
}

/**
 * A fresh bulk import's statistics, summed in this process batch by batch exactly as
 * `addStatistics` sums them into the tables (the same shares, the same numbering of new words),
 * and written once at the end: upserting into ever larger tables batch after batch was most of a
 * large import's time.
 */
export class ImportStatistics {
  private readonly terms = new Map<string, TermCounts>();
  /** In order of first occurrence, which is the order of `firstSeen`. */
  private readonly words = new Map<string, WordRow>();
  private readonly totals: TotalCounts = { sentences: 0, passages: 0, sentenceLength: 0, passageLength: 0 };
  private wordsSeen = 0;

  /** Adds (sign 1) or takes out (sign −1) sources' shares, as one `addStatistics` call would. */
  add(statistics: readonly SourceStatistics[], sign: 1 | -1): void {
    const share = sumStatistics(statistics);
    for (const [stem, counts] of share.terms) {
      const known = this.terms.get(stem) ?? { sentences: 0, passages: 0, described: 0 };
      known.sentences += sign * counts.sentences;
      known.passages += sign * counts.passages;
      known.described += sign * counts.described;
      this.terms.set(stem, known);
    }
    let at = 0;
    for (const [word, { stem, sources }] of share.words) {
      const known = this.words.get(word);
      if (known) known.sources += sign * sources;
      else
        this.words.set(word, {
          stem,
          sources: sign * sources,
          firstSeen: this.wordsSeen + at,
          lemmaKeys: sign > 0 ? lemmaKeys(word) : [],
        });
      at++;
    }
    this.totals.sentences += sign * share.totals.sentences;
    this.totals.passages += sign * share.totals.passages;
    this.totals.sentenceLength += sign * share.totals.sentenceLength;
    this.totals.passageLength += sign * share.totals.passageLength;
    if (sign > 0) this.wordsSeen += share.words.size;
  }

  /** Writes the sums into the empty statistics tables (the caller's transaction holds the totals). */
  async write(client: pg.PoolClient): Promise<void> {
    const stems = [...this.terms.keys()].sort();
    for (let at = 0; at < stems.length; at += ROWS_PER_STATEMENT) {
      const chunk = stems.slice(at, at + ROWS_PER_STATEMENT);
      const counts = chunk.map((stem) => this.terms.get(stem) as TermCounts);
      await client.query(
        `INSERT INTO knowledge_terms (stem, sentences, passages, described)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])`,
        [
          chunk,
          counts.map((count) => count.sentences),
          counts.map((count) => count.passages),
          counts.map((count) => count.described),
        ],
      );
    }
    const words = [...this.words];
    for (let at = 0; at < words.length; at += ROWS_PER_STATEMENT) {
      const chunk = words.slice(at, at + ROWS_PER_STATEMENT);
      await client.query(
        `INSERT INTO knowledge_words (word, stem, sources, first_seen, lemma_keys)
         SELECT word, stem, sources, first_seen, string_to_array(keys, ' ')
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[]) AS u(word, stem, sources, first_seen, keys)`,
        [
          chunk.map(([word]) => word),
          chunk.map(([, row]) => row.stem),
          chunk.map(([, row]) => row.sources),
          chunk.map(([, row]) => row.firstSeen),
          chunk.map(([, row]) => row.lemmaKeys.join(' ')),
        ],
      );
    }
    await client.query(
      `UPDATE knowledge_totals SET sentences = $1, passages = $2, sentence_length = $3, passage_length = $4, words_seen = $5`,
      [
        this.totals.sentences,
        this.totals.passages,
        this.totals.sentenceLength,
        this.totals.passageLength,
        this.wordsSeen,
      ],
    );
  }
}
