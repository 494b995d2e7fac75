import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchPassage } from './corpus.js';

/** Passages per generated report: at 1M passages, 20,000 long reports. */
export const PASSAGES_PER_REPORT = 50;

/** The file name of generated report `n` (sorted names keep the corpus order). */
export function reportFileName(n: number): string {
  return `report-${String(n).padStart(6, '0')}.md`;
}

/** One generated report as a knowledge file: front matter, then its passages as paragraphs. */
export function reportFile(n: number, passages: readonly BenchPassage[]): string {
  const year = 2000 + (n % 25);
  const front = [
    '---',
    `id: report-${n}`,
    `title: Generated report ${n}`,
    `publisher: Bench Institute ${n % 97}`,
    `date: ${year}-0${1 + (n % 9)}-1${n % 10}`,
    `about: Generated report ${n} of the benchmark corpus.`,
    '---',
  ].join('\n');
  return `${front}\n${passages.map((passage) => passage.text).join('\n\n')}\n`;
}

/**
 * Writes the passages into `dir` as knowledge files of PASSAGES_PER_REPORT passages each,
 * replacing any `.md` file already there. Returns the number of files.
 */
export async function writeKnowledgeFolder(dir: string, passages: readonly BenchPassage[]): Promise<number> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) if (name.endsWith('.md')) await rm(path.join(dir, name));
  let files = 0;
  for (let start = 0; start < passages.length; start += PASSAGES_PER_REPORT) {
    await writeFile(
      path.join(dir, reportFileName(files)),
      reportFile(files, passages.slice(start, start + PASSAGES_PER_REPORT)),
    );
    files++;
  }
  return files;
}
