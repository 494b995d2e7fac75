import type pg from 'pg';
import { copyRows } from './copy-rows.js';
import type { SourceStatistics } from './source-rows.js';
import { lemmaKeys } from './source-rows.js';
import { sumStatistics, type TermCounts, type TotalCounts } from './statistics.js';

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
    await copyRows(
      client,
      'knowledge_terms',
      ['stem', 'sentences', 'passages', 'described'],
      [...this.terms]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([stem, counts]) => [stem, counts.sentences, counts.passages, counts.described]),
    );
    await copyRows(
      client,
      'knowledge_words',
      ['word', 'stem', 'sources', 'first_seen', 'lemma_keys'],
      Array.from(this.words, ([word, row]) => [
        word,
        row.stem,
        row.sources,
        row.firstSeen,
        postgresArray(row.lemmaKeys),
      ]),
    );
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

/** A `text[]` literal: each element quoted, its quotes and backslashes escaped. */
function postgresArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
