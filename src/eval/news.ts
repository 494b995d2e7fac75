import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addSources, FETCH_DEFAULTS } from '../add/index.js';

/**
 * The natural-question set (`../shared/eval/news/`): questions written in plain words over the 91
 * public news pages of `../shared/eval/extraction/pages.json.gz`. Its knowledge base is built as a
 * user would build one: each page's HTML saved to a file, then `add`ed.
 */

interface SavedPage {
  url: string;
  html: string;
}

/** How many characters of a page's key name it in the questions' `page` field. */
export const NEWS_PAGE_KEY_LENGTH = 12;

/** True when `dir` already holds knowledge files (a base built by an earlier run, reused as it is). */
async function holdsKnowledge(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  return (await readdir(dir)).some((name) => name.endsWith('.md') || name.endsWith('.txt'));
}

/**
 * Writes the knowledge base of the news pages into `dir` with `add` (unless it already holds
 * knowledge files) and returns how many pages could not be added, with their reasons.
 */
export async function buildNewsKnowledge(pagesFile: string, dir: string): Promise<string[]> {
  if (await holdsKnowledge(dir)) return [];
  const pages = JSON.parse(gunzipSync(await readFile(pagesFile)).toString('utf8')) as Record<
    string,
    SavedPage
  >;
  const work = await mkdtemp(path.join(os.tmpdir(), 'eval-news-pages-'));
  try {
    const inputs: string[] = [];
    for (const [key, page] of Object.entries(pages)) {
      const input = path.join(work, `${key.slice(0, NEWS_PAGE_KEY_LENGTH)}.html`);
      await writeFile(input, page.html);
      inputs.push(input);
    }
    await mkdir(dir, { recursive: true });
    const outcomes = await addSources(inputs, { dir, dryRun: false, fetch: FETCH_DEFAULTS });
    return outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
