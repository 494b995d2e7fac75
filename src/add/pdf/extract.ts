import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { isoDay } from '../../knowledge/iso-day.js';
import { dropRunningLines } from './furniture.js';
import { type PdfTextItem, pageLines } from './lines.js';
import {
  bodySize,
  NOT_A_TITLE,
  NOT_AN_AUTHOR,
  printedAuthor,
  printedDate,
  printedTitle,
} from './metadata.js';
import { endsMidSentence, joinLines, pageParagraphs } from './paragraphs.js';

/** Where a PDF's date was read: printed in the document, or the file's creation date. */
export type PdfDateSource = 'document' | 'file';

/**
 * What a PDF yields: its metadata and its text, page by page. Title and author come from the
 * file's properties, else from what its first page prints; the date is the one the document
 * prints, else the file's creation date (`dateSource` says which).
 */
export interface PdfExtraction {
  title: string | null;
  author: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /** Where `date` came from; null when there is none. */
  dateSource: PdfDateSource | null;
  /** Paragraphs separated by blank lines; pages by a line holding only a form feed (`\f`). */
  text: string;
  pages: number;
}

/** How the body marks where a page ends; citations count these to name the page. */
export const PAGE_BREAK = '\n\n\f\n\n';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const clean = value.replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

function day(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const match = typeof value === 'string' ? /^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})/.exec(value) : null;
  if (!match) return null;
  return isoDay(`${match[1]}-${match[2]}-${match[3]}`);
}

/**
 * A paragraph cut by the page's end mid-sentence, when the next page starts in lower case, goes
 * on there: the words up to the end of that sentence join it, so no sentence is split by a page break; the rest of the paragraph
 * stays on its page.
 */
function mendPageBreaks(pages: string[][]): void {
  for (let at = 1; at < pages.length; at++) {
    const previous = pages[at - 1] as string[];
    const current = pages[at] as string[];
    const last = previous[previous.length - 1];
    const first = current[0];
    // Only a page that starts in lower case goes on with the sentence; anything else starts anew.
    if (last === undefined || first === undefined || !endsMidSentence(last) || !/^\p{Ll}/u.test(first))
      continue;
    const [head] = sentences.segment(first);
    const sentence = (head?.segment ?? first).trimEnd();
    previous[previous.length - 1] = joinLines(last, sentence);
    const rest = first.slice(head?.segment.length ?? first.length).trim();
    if (rest === '') current.shift();
    else current[0] = rest;
  }
}

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * The PDF's info dictionary and an XMP lookup. Metadata is optional in a PDF and often broken;
 * when it cannot be read the text still can, so this never throws.
 */
async function readPdfMeta(
  pdf: PdfProxy,
): Promise<{ info: Record<string, unknown>; xmp: (key: string) => string | null }> {
  try {
    const { info, metadata } = await getMeta(pdf, { parseDates: true });
    const lookup = metadata as unknown as { get?: (key: string) => unknown } | null;
    return {
      info: info ?? {},
      xmp: (key) => (typeof lookup?.get === 'function' ? text(lookup.get(key)) : null),
    };
  } catch {
    return { info: {}, xmp: () => null };
  }
}

/** A PDF with more pages than the caller reads; thrown before any page is read. */
export class PdfTooLongError extends Error {
  readonly pages: number;
  readonly maxPages: number;
  constructor(pages: number, maxPages: number) {
    super(`the PDF has ${pages} pages; the most the bot reads is ${maxPages}`);
    this.name = 'PdfTooLongError';
    this.pages = pages;
    this.maxPages = maxPages;
  }
}

/**
 * Extracts a PDF's text with pdf.js: lines rebuilt, running furniture dropped, paragraphs joined.
 * A PDF with more than `maxPages` pages (default: no limit) is refused with a PdfTooLongError
 * before its pages are read.
 */
export async function extractPdf(
  bytes: Uint8Array,
  options: { maxPages?: number } = {},
): Promise<PdfExtraction> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
    if (pdf.numPages > maxPages) throw new PdfTooLongError(pdf.numPages, maxPages);
    const { items } = await extractTextItems(pdf);
    const printed = items.map((page) => pageLines(page as PdfTextItem[]));
    const lines = dropRunningLines(printed);
    const pages = lines.map(pageParagraphs);
    mendPageBreaks(pages);
    const { info, xmp } = await readPdfMeta(pdf);
    const stated = {
      title: [text(info?.Title), xmp('dc:title')].find((title) => title && !NOT_A_TITLE.test(title)) ?? null,
      author:
        [text(info?.Author), xmp('dc:creator')].find((author) => author && !NOT_AN_AUTHOR.test(author)) ??
        null,
      created: day(info?.CreationDate) ?? day(xmp('xmp:createdate')),
    };
    const firstPage = lines[0] ?? [];
    const heading = printedTitle(firstPage, bodySize(lines.slice(0, 3)));
    const printedOn = printedDate(printed);
    return {
      title: stated.title ?? heading?.title ?? null,
      author: stated.author ?? (heading ? printedAuthor(firstPage, heading.lines) : null),
      date: printedOn ?? stated.created,
      dateSource: printedOn ? 'document' : stated.created ? 'file' : null,
      text: pages.map((paragraphs) => paragraphs.join('\n\n')).join(PAGE_BREAK),
      pages: pages.length,
    };
  } finally {
    await pdf.destroy();
  }
}
