import { loadKnowledge } from '../knowledge/index.js';
import type { KnowledgeDocument, Paragraph } from '../knowledge/types.js';
import { printableName, printableText } from '../printable.js';

/** Characters of each paragraph shown by `--verbose`. */
const SHOWN_CHARS = 70;

/** What `--verbose` prints first: what the two numbers on each paragraph line mean. */
export const NUMBERING_LEGEND =
  '     #N: paragraph N of the file, boilerplate included (what `boilerplate: drop/keep` take); ¶N: paragraph N of the article as citations number it';

/** The summary line of a loaded document. */
function summaryLine(document: KnowledgeDocument): string {
  const article = document.paragraphs.filter((paragraph) => paragraph.readerNumber !== null).length;
  return `ok   ${printableName(document.file)} (${document.meta.id}): ${article} article paragraphs, ${document.paragraphs.length - article} boilerplate`;
}

/** Why a paragraph has no reader's number: its boilerplate reason, or that every sentence is boilerplate. */
function whyNotCited(paragraph: Paragraph): string {
  return paragraph.boilerplate ?? 'only boilerplate sentences';
}

/**
 * One line per paragraph of `document`, in order: its number in the file (`#28`), then either
 * the number citations give it (`¶1`) or, for a paragraph never quoted, why (`-- navigation or
 * headline list:`), then the start of its text, escaped for a terminal.
 */
export function paragraphLines(document: KnowledgeDocument): string[] {
  const width = String(document.paragraphs.length).length + 1;
  const citedWidth = Math.max(3, String(document.paragraphs.length).length + 1);
  return document.paragraphs.map((paragraph) => {
    const text = printableText(
      document.body.slice(paragraph.start, paragraph.end).replace(/\s+/g, ' ').slice(0, SHOWN_CHARS),
    );
    const inFile = `#${paragraph.number}`.padEnd(width);
    return paragraph.readerNumber === null
      ? `       ${inFile} ${'--'.padEnd(citedWidth)} ${printableText(whyNotCited(paragraph))}: ${text}`
      : `       ${inFile} ${`¶${paragraph.readerNumber}`.padEnd(citedWidth)} ${text}`;
  });
}

/**
 * Validates every knowledge file. Prints one line per document (article paragraphs, which
 * citations number 1, 2, 3…, and boilerplate ones) and one per problem; with `verbose`, every
 * paragraph: its number in the file, the number citations give it or why it is never quoted,
 * and its start (paragraphLines). Returns the number of problems (the exit code is non-zero
 * when there is any). File names and reasons are printed escaped (printableName), so a newline
 * in a name cannot forge a line of the report.
 */
export async function runCheckKnowledge(dir: string, verbose: boolean): Promise<number> {
  const { documents, problems } = await loadKnowledge(dir);
  if (verbose && documents.length > 0) process.stdout.write(`${NUMBERING_LEGEND}\n`);
  for (const document of documents) {
    process.stdout.write(`${summaryLine(document)}\n`);
    if (verbose) for (const line of paragraphLines(document)) process.stdout.write(`${line}\n`);
  }
  for (const problem of problems)
    process.stdout.write(`FAIL ${printableName(problem.file)}: ${printableText(problem.reason)}\n`);
  process.stdout.write(
    `${documents.length} documents loaded, ${problems.length} problems in ${printableName(dir)}\n`,
  );
  return problems.length;
}
