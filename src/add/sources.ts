import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BotError, ErrorCode } from '../errors.js';
import type { SourceFormat } from '../knowledge/types.js';
import { decodeHtml } from './decode.js';
import { FETCH_DEFAULTS, type FetchedKind, type FetchLimits, fetchPage } from './fetch-page.js';
import { extractHtml } from './html/extract.js';
import { extractPdf, type PdfDateSource, PdfTooLongError } from './pdf/extract.js';

/** A source read and extracted, ready to become a knowledge file. Unknown fields are null. */
export interface ExtractedSource {
  title: string | null;
  author: string | null;
  publisher: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /**
   * Where a PDF's date was read: printed in the document, or (when it prints none) the file's
   * creation date, which `add` reports as such. Absent for other sources.
   */
  dateSource?: PdfDateSource | null;
  url: string | null;
  format: SourceFormat;
  /** The text stored as the file's body, exactly. */
  body: string;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text']);
const SUPPORTED = 'an .html, .pdf, .txt or .md file, or an http(s) URL';

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** A text file's title: its first Markdown heading, else its first line. */
export function textTitle(text: string): string | null {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1];
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '');
  const title = (heading ?? firstLine ?? '').replace(/\s+/g, ' ').trim();
  return title === '' ? null : title;
}

function fromText(text: string, input: string, url: string | null): ExtractedSource {
  const body = text.replace(/^\uFEFF/, '');
  if (/^---[ \t]*\r?\n/.test(body)) {
    throw new BotError(
      ErrorCode.AddUnsupported,
      `${input}: already a knowledge file (it starts with front matter); copy it into the knowledge folder instead, and run npm run check-knowledge`,
    );
  }
  return { title: textTitle(body), author: null, publisher: null, date: null, url, format: null, body };
}

async function fromHtml(
  bytes: Uint8Array,
  contentType: string | null,
  url: string | null,
): Promise<ExtractedSource> {
  const { meta, text } = extractHtml(decodeHtml(bytes, contentType), url);
  return { ...meta, format: 'html', body: text === '' ? '' : `${text}\n` };
}

async function fromPdf(
  bytes: Uint8Array,
  input: string,
  url: string | null,
  maxPages: number,
): Promise<ExtractedSource> {
  try {
    const pdf = await extractPdf(bytes, { maxPages });
    return {
      title: pdf.title,
      author: pdf.author,
      publisher: null,
      date: pdf.date,
      dateSource: pdf.dateSource,
      url,
      format: 'pdf',
      body: pdf.text.trim() === '' ? '' : `${pdf.text}\n`,
    };
  } catch (error) {
    if (error instanceof PdfTooLongError) {
      throw new BotError(
        ErrorCode.AddTooLarge,
        `${input}: ${error.message}; split off the pages you need as a smaller PDF and add that`,
      );
    }
    throw new BotError(
      ErrorCode.AddUnreadable,
      `${input}: not a readable PDF (${(error as Error).message}); check that the file opens in a PDF viewer`,
    );
  }
}

function sniff(bytes: Uint8Array, extension: string): FetchedKind | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF-')) return 'pdf';
  if (HTML_EXTENSIONS.has(extension) || /^\s*(?:<!doctype html|<html)/i.test(head)) return 'html';
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  return null;
}

/**
 * Reads a file or fetches a URL and extracts its text and metadata. Failures are AddErrors.
 * `limits` missing fields take FETCH_DEFAULTS' values; `maxPdfPages` applies to files too.
 */
export async function readSource(
  input: string,
  limits: Partial<FetchLimits> = FETCH_DEFAULTS,
): Promise<ExtractedSource> {
  const maxPdfPages = limits.maxPdfPages ?? FETCH_DEFAULTS.maxPdfPages;
  if (isUrl(input)) {
    const page = await fetchPage(input, limits);
    if (page.kind === 'pdf') return fromPdf(page.bytes, input, page.url, maxPdfPages);
    if (page.kind === 'text') return fromText(decodeHtml(page.bytes, page.contentType), input, page.url);
    return fromHtml(page.bytes, page.contentType, page.url);
  }
  let bytes: Uint8Array;
  try {
    if (!(await stat(input)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BotError(
      ErrorCode.AddNotFound,
      code === 'ENOENT'
        ? `${input}: no such file; check the path (URLs must start with http:// or https://)`
        : `${input}: cannot read it (${code === 'EISDIR' ? 'a folder' : (error as Error).message}); give ${SUPPORTED}`,
    );
  }
  const kind = sniff(bytes, path.extname(input).toLowerCase());
  if (kind === 'pdf') return fromPdf(bytes, input, null, maxPdfPages);
  if (kind === 'html') return fromHtml(bytes, null, null);
  if (kind === 'text') {
    try {
      return fromText(new TextDecoder('utf-8', { fatal: true }).decode(bytes), input, null);
    } catch (error) {
      if (error instanceof BotError) throw error;
      throw new BotError(
        ErrorCode.AddUnreadable,
        `${input}: not valid UTF-8 text; save it as UTF-8 and add it again`,
      );
    }
  }
  throw new BotError(
    ErrorCode.AddUnsupported,
    `${input}: cannot add a ${path.extname(input) || 'file without an extension'} file; give ${SUPPORTED} (save other documents as PDF first)`,
  );
}
