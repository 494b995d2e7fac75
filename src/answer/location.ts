import { pageAt } from '../knowledge/pages.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import type { ExcerptLocation } from './types.js';

/**
 * Where a quote sits: its paragraph (the number a reader counts, `Paragraph.readerNumber`), its
 * last paragraph when it runs on into a later one, offsets, and for a paged source (a PDF) its
 * page. Neither a paragraph nor a quote runs over a page break, so the page of the quote's first
 * character is the page of all of it.
 */
export function locateQuote(
  document: Pick<KnowledgeDocument, 'pageStarts'> | undefined,
  paragraph: number,
  start: number,
  end: number,
  lastParagraph = paragraph,
): ExcerptLocation {
  const starts = document?.pageStarts;
  return {
    paragraph,
    ...(lastParagraph > paragraph ? { lastParagraph } : {}),
    start,
    end,
    ...(starts ? { page: pageAt(starts, start) } : {}),
  };
}

/**
 * Where in its source a quote is, as a citation names it: `p. 12` for a paged source (a PDF),
 * else its paragraph, `paragraph 6`, or `paragraphs 6–7` for a quote running on into the next.
 */
export function placeInSource(location: ExcerptLocation): string {
  if (location.page !== undefined) return `p. ${location.page}`;
  const last = location.lastParagraph;
  return last !== undefined && last > location.paragraph
    ? `paragraphs ${location.paragraph}–${last}`
    : `paragraph ${location.paragraph}`;
}
