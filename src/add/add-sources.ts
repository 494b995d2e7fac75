import path from 'node:path';
import { BotError, ErrorCode } from '../errors.js';
import { parseKnowledgeDocument } from '../knowledge/load.js';
import type { FetchLimits } from './fetch-page.js';
import { type FolderIndex, indexFolder, remember, textKey, urlKey } from './folder.js';
import { baseSlug, renderKnowledgeFile } from './knowledge-file.js';
import { quotableParagraphs } from './quotable.js';
import { type ExtractedSource, isUrl, readSource } from './sources.js';
import { writeNewFile } from './write-file.js';

export interface AddOptions {
  /** The knowledge folder to write into. */
  dir: string;
  /** Extract and check everything, write nothing. */
  dryRun: boolean;
  /**
   * How URLs are fetched and how large a source may be; missing fields take FETCH_DEFAULTS'
   * values. A URL from a chat user must be fetched with CHAT_FETCH_DEFAULTS (public addresses only).
   */
  fetch: Partial<FetchLimits>;
  /** Who added the sources from the chat, and when: kept in each file's front matter. */
  added?: { by: string; at: string };
  /** Called before each input is read, e.g. to show progress. */
  onStart?: (input: string, position: number, total: number) => void;
}

/** One input's outcome: the file written (or that would be), with its citation fields. */
export interface AddedSource {
  ok: true;
  input: string;
  /** Path of the knowledge file, inside `dir`. */
  file: string;
  id: string;
  title: string | null;
  author: string | null;
  publisher: string | null;
  date: string | null;
  /** Where the date was read (PDFs): `document` (printed in it) or `file` (its creation date). */
  dateSource: 'document' | 'file' | null;
  url: string | null;
  /** The text the bot could quote: paragraphs not marked boilerplate, joined by blank lines. */
  quotable: string;
  /** How many paragraphs that is, and how many pages the source has (PDFs). */
  paragraphs: number;
  pages: number | null;
}

export interface FailedSource {
  ok: false;
  input: string;
  error: string;
}

export type AddOutcome = AddedSource | FailedSource;

function refuseDuplicate(index: FolderIndex, input: string, source: ExtractedSource): void {
  const byUrl = source.url ? index.urls.get(urlKey(source.url)) : undefined;
  const byInputUrl = isUrl(input) ? index.urls.get(urlKey(input)) : undefined;
  const byText = index.texts.get(textKey(source.body));
  const holder = byUrl ?? byInputUrl ?? byText;
  if (holder) {
    throw new BotError(
      ErrorCode.AddDuplicate,
      `${input}: already in the knowledge folder as ${holder}, source id ${index.idOf.get(holder) ?? holder} (same ${byUrl || byInputUrl ? 'URL' : 'text'}); nothing to do (to replace it, delete ${holder} first)`,
    );
  }
}

/** A name not yet used in the folder, for file and id alike: `slug`, else `slug-2`, `slug-3`… */
function freeName(index: FolderIndex, slug: string): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? slug : `${slug}-${n}`;
    if (!index.ids.has(id) && !index.names.has(`${id}.md`)) return id;
  }
}

async function addOne(input: string, index: FolderIndex, options: AddOptions): Promise<AddedSource> {
  const source = await readSource(input, options.fetch);
  if (source.body.trim() === '') {
    throw new BotError(
      ErrorCode.AddNoText,
      source.format === 'pdf'
        ? `${input}: no text found in the PDF (a scan holds only images); run it through OCR first, then add the result`
        : `${input}: no article text found on the page; save the article's text as a .txt file and add that`,
    );
  }
  refuseDuplicate(index, input, source);
  for (;;) {
    const id = freeName(index, baseSlug(source, input));
    const name = `${id}.md`;
    const content = renderKnowledgeFile(id, source, options.added);
    let quotable: ReturnType<typeof quotableParagraphs>;
    let pages: number | null;
    try {
      const document = parseKnowledgeDocument(name, new TextEncoder().encode(content));
      quotable = quotableParagraphs(document);
      pages = document.pageStarts?.length ?? null;
    } catch (error) {
      throw new BotError(ErrorCode.AddNoText, `${input}: ${(error as Error).message}; nothing was written`);
    }
    if (!options.dryRun && !(await writeNewFile(options.dir, name, content))) {
      // Someone wrote that name meanwhile: take the next one; never overwrite.
      index.names.add(name);
      continue;
    }
    remember(index, name, id, source.url ?? (isUrl(input) ? input : null), source.body);
    return {
      ok: true,
      input,
      file: path.join(options.dir, name),
      id,
      title: source.title,
      author: source.author,
      publisher: source.publisher,
      date: source.date,
      dateSource: source.dateSource ?? null,
      url: source.url,
      quotable: quotable.join('\n\n'),
      paragraphs: quotable.length,
      pages,
    };
  }
}

/**
 * Adds each input as one knowledge file. Inputs are independent: one that fails (a missing file,
 * a 404, a duplicate) is reported and the others still go in. Nothing in the folder is ever
 * overwritten or changed.
 */
export async function addSources(inputs: readonly string[], options: AddOptions): Promise<AddOutcome[]> {
  const index = await indexFolder(options.dir);
  const outcomes: AddOutcome[] = [];
  for (const [at, input] of inputs.entries()) {
    options.onStart?.(input, at + 1, inputs.length);
    try {
      outcomes.push(await addOne(input, index, options));
    } catch (error) {
      const message = error instanceof BotError ? error.message : `${input}: ${(error as Error).message}`;
      outcomes.push({ ok: false, input, error: message });
    }
  }
  return outcomes;
}
