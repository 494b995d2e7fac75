import { parse as parseName } from '@citation-js/name';
import type { DocumentMeta } from '../knowledge/types.js';

/** The CSL-JSON fields research-bot fills; every one is optional, and absent when the source lacks it. */
export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title?: string;
  'container-title'?: string;
  author?: Array<{ given?: string; family?: string; literal?: string }>;
  issued?: { 'date-parts': [[number, number, number]] };
  URL?: string;
}

/**
 * A source's metadata as CSL-JSON, never inventing a field: no title for an untitled source
 * (not its "Untitled article" stand-in), no author, date or URL unless the front matter has one.
 * Sources are articles of a publication, so the type is `article-newspaper` with the
 * publisher as its container.
 */
export function toCslItem(meta: DocumentMeta): CslItem {
  const item: CslItem = { id: meta.id, type: 'article-newspaper' };
  if (meta.title) item.title = meta.title;
  if (meta.publisher) item['container-title'] = meta.publisher;
  const authors = meta.author ? splitAuthors(meta.author) : [];
  if (authors.length > 0) item.author = authors.map(toCslName);
  const date = meta.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(meta.date) : null;
  if (date) item.issued = { 'date-parts': [[Number(date[1]), Number(date[2]), Number(date[3])]] };
  if (meta.url) item.URL = meta.url;
  return item;
}

/**
 * "Kate Stringer and Jill Barshay", "A; B", "A & B", "Kate Stringer, Jill Barshay" → one name
 * each. A comma that inverts one name ("Stringer, Kate") is kept.
 */
export function splitAuthors(authors: string): string[] {
  return authors
    .split(/\s*;\s*|\s+(?:and|&)\s+/)
    .flatMap((part) => {
      const pieces = part.split(/\s*,\s*/);
      return pieces.length > 1 && pieces.every((piece) => /\s/.test(piece.trim())) ? pieces : [part];
    })
    .map((name) => name.trim())
    .filter(Boolean);
}

/** A person's name split by citation-js; one word (an organisation, a pen name) stays as written. */
function toCslName(name: string): { given?: string; family?: string; literal?: string } {
  if (!/\s|,/.test(name)) return { literal: name };
  const parsed = parseName(name);
  return parsed.family ? parsed : { literal: name };
}
