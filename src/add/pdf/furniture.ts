import type { PdfLine } from './lines.js';

/**
 * Running headers and footers, and page numbers: the lines a PDF repeats at the top or bottom of
 * its pages. A line is running furniture when, with its digits set aside, the same text sits at
 * the same height among the first or last EDGE_LINES lines of at least REPEAT_SHARE of the pages.
 */
export const EDGE_LINES = 3;
export const REPEAT_SHARE = 0.5;

const PAGE_NUMBER =
  /^(?:page\s+|p\.\s*|-\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*-)?$/i;

/** "12", "Page 3", "3 of 10", "- 4 -", "iv". */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** A line's text with its numbers set aside, and where it sits: running lines keep both. */
function shape(line: PdfLine): string {
  return `${Math.round(line.y / 2)}:${line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

/** The pages' lines without running headers, footers and page numbers. */
export function dropRunningLines(pages: readonly PdfLine[][]): PdfLine[][] {
  const counts = new Map<string, number>();
  const edges = (lines: readonly PdfLine[]) => {
    const head = lines.slice(0, EDGE_LINES);
    const tail = lines.slice(Math.max(EDGE_LINES, lines.length - EDGE_LINES));
    return [...head, ...tail];
  };
  for (const lines of pages) {
    for (const key of new Set(edges(lines).map(shape))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length * REPEAT_SHARE));
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((line) => {
      if (!edge.has(line)) return true;
      if (isPageNumber(line.text)) return false;
      return pages.length < 2 || (counts.get(shape(line)) ?? 0) < needed;
    });
  });
}
