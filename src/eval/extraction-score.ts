/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark): both
 * texts become word tokens (`\w+`), counted as 4-token shingles with multiplicity; a page's
 * precision is shared / kept, its recall shared / gold. Averages are over pages, F1 from the
 * averages. A page leaks when more than LEAK_SHARE of what was kept is not in the gold text.
 */
export const SHINGLE_SIZE = 4;
export const LEAK_SHARE = 0.1;

/** One page's shingle counts: kept and in the gold text, kept but not in it, in it but not kept. */
export interface PageScore {
  shared: number;
  extra: number;
  missed: number;
  /** More than LEAK_SHARE of the kept shingles are not in the gold text. */
  leaks: boolean;
}

export interface ExtractionSummary {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  leaking: number;
}

/** Word tokens as Python's `\\w+` (Unicode) finds them: letters, digits and underscores. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // A text shorter than one shingle is one shorter shingle, as in the benchmark's `_ngrams`.
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last && i < tokens.length; i++) {
    const key = tokens.slice(i, i + SHINGLE_SIZE).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Scores one page's kept text against its gold text. */
export function scorePage(kept: string, gold: string): PageScore {
  const keptShingles = shingles(kept);
  const goldShingles = shingles(gold);
  let shared = 0;
  let extra = 0;
  let missed = 0;
  for (const key of new Set([...keptShingles.keys(), ...goldShingles.keys()])) {
    const k = keptShingles.get(key) ?? 0;
    const g = goldShingles.get(key) ?? 0;
    shared += Math.min(k, g);
    extra += Math.max(0, k - g);
    missed += Math.max(0, g - k);
  }
  return { shared, extra, missed, leaks: extra > LEAK_SHARE * (shared + extra) };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/**
 * Averages as the benchmark does: precision over pages where something was kept, recall over
 * pages with gold text; a page with nothing extra and nothing missed scores 1 on both.
 */
export function summarize(scores: readonly PageScore[]): ExtractionSummary {
  const precisions = scores
    .filter((s) => s.shared + s.extra > 0)
    .map((s) => (s.extra === 0 && s.missed === 0 ? 1 : s.shared / (s.shared + s.extra)));
  const recalls = scores
    .filter((s) => s.shared + s.missed > 0)
    .map((s) => (s.extra === 0 && s.missed === 0 ? 1 : s.shared / (s.shared + s.missed)));
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pages: scores.length, precision, recall, f1, leaking: scores.filter((s) => s.leaks).length };
}
