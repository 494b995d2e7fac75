import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { addSources, FETCH_DEFAULTS, readabilityOnly, wholePageText } from '../add/index.js';
import { type ExtractionSummary, type PageScore, scorePage, summarize } from '../eval/extraction-score.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The public extraction pages beside the project: `../shared/eval/extraction/pages.json.gz`. */
export function defaultPagesFile(): string {
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'extraction', 'pages.json.gz');
}

/** The pass marks (issue 10): precision first, since quoting a page's furniture is worse than missing a paragraph. */
export const EXTRACTION_THRESHOLDS = Object.freeze({ f1: 0.96, precision: 0.95, leakingShare: 0.1 });

interface Page {
  url: string;
  html: string;
  articleBody: string;
}

function row(label: string, summary: ExtractionSummary): string {
  return `${label.padEnd(26)} F1 ${summary.f1.toFixed(3)}  precision ${summary.precision.toFixed(3)}  recall ${summary.recall.toFixed(3)}  leaking ${summary.leaking} of ${summary.pages}`;
}

/**
 * Scores `add --dry-run` on the benchmark pages: each page's HTML is added as a file to an empty
 * folder without writing, and the text it reports as quotable is compared with the human-marked
 * article. The whole page's text and Readability alone are scored beside it. Returns true when
 * the pass marks are met; a missing pages file is reported and counts as a pass (CI without the
 * shared data).
 */
export async function runEvalExtraction(file: string, verbose: boolean): Promise<boolean> {
  if (!existsSync(file)) {
    process.stdout.write(`extraction: skipped, ${file} not found\n`);
    return true;
  }
  const pages = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as Record<string, Page>;
  const work = await mkdtemp(path.join(os.tmpdir(), 'eval-extraction-'));
  const scores = { whole: [] as PageScore[], readability: [] as PageScore[], add: [] as PageScore[] };
  try {
    for (const [key, page] of Object.entries(pages)) {
      const input = path.join(work, `${key.slice(0, 16)}.html`);
      await writeFile(input, page.html);
      const [outcome] = await addSources([input], {
        dir: path.join(work, 'knowledge'),
        dryRun: true,
        fetch: FETCH_DEFAULTS,
      });
      const kept = outcome?.ok ? outcome.quotable : '';
      const score = scorePage(kept, page.articleBody);
      scores.add.push(score);
      scores.whole.push(scorePage(wholePageText(page.html), page.articleBody));
      scores.readability.push(scorePage(readabilityOnly(page.html), page.articleBody));
      if (verbose && (score.leaks || !outcome?.ok)) {
        const precision = score.shared / Math.max(1, score.shared + score.extra);
        const reason = outcome?.ok ? `leaks (precision ${precision.toFixed(3)})` : outcome?.error;
        process.stdout.write(`  ${key.slice(0, 8)} ${reason} ${page.url}\n`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const add = summarize(scores.add);
  process.stdout.write(`pages: ${file}\n`);
  process.stdout.write(`${row('raw page text', summarize(scores.whole))}\n`);
  process.stdout.write(`${row('Readability alone', summarize(scores.readability))}\n`);
  process.stdout.write(`${row('add (quotable text)', add)}\n`);
  const pass =
    add.f1 >= EXTRACTION_THRESHOLDS.f1 &&
    add.precision >= EXTRACTION_THRESHOLDS.precision &&
    add.leaking <= add.pages * EXTRACTION_THRESHOLDS.leakingShare;
  process.stdout.write(
    pass
      ? 'extraction: PASS\n'
      : 'extraction: FAIL (needs F1 ≥ 0.96, precision ≥ 0.95, at most 10% of pages leaking)\n',
  );
  return pass;
}
