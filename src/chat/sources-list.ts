import { citationTitle } from '../knowledge/citation.js';
import type { KnowledgeDocument } from '../knowledge/types.js';

/** One line of the sources list. */
export interface SourceEntry {
  id: string;
  /** The title, or the stand-in for untitled sources ("Untitled article, The Hechinger Report"). */
  title: string;
  /** Empty when unknown. */
  publisher: string;
  /** ISO date, or null when the source does not say. */
  date: string | null;
  /** Article paragraphs that can be quoted (boilerplate left out). */
  passages: number;
  /** Who added it from the chat (`platform:user id`) and when; absent otherwise. */
  added?: { by: string; at: string };
}

/** One page of the list; `page` is 1-based and within 1…pages. */
export interface SourcesPage {
  entries: SourceEntry[];
  page: number;
  pages: number;
  total: number;
  /** 1-based position of the page's first entry in the whole list. */
  first: number;
}

/** Every document as a list entry: by publisher, then newest first, then title. */
export function listSources(documents: readonly KnowledgeDocument[]): SourceEntry[] {
  return documents
    .map(({ meta, paragraphs }) => ({
      id: meta.id,
      title: citationTitle(meta),
      publisher: meta.publisher,
      date: meta.date,
      passages: paragraphs.filter((paragraph) => paragraph.boilerplate === null).length,
      ...(meta.added ? { added: meta.added } : {}),
    }))
    .sort(
      (a, b) =>
        a.publisher.localeCompare(b.publisher, 'en') ||
        (b.date ?? '').localeCompare(a.date ?? '') ||
        a.title.localeCompare(b.title, 'en'),
    );
}

/** The `page`-th page of `perPage` entries; a page past the end gives the last page. */
export function sourcesPage(entries: readonly SourceEntry[], page: number, perPage: number): SourcesPage {
  const pages = Math.max(1, Math.ceil(entries.length / perPage));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const first = (at - 1) * perPage;
  return {
    entries: entries.slice(first, first + perPage),
    page: at,
    pages,
    total: entries.length,
    first: first + 1,
  };
}

/**
 * The page asked for when `text` asks for the sources list ("sources", "sources 3",
 * "sources page 3", "list sources"); null when it is something else.
 */
export function sourcesRequest(text: string): number | null {
  const match = /^\s*(?:list\s+)?(?:the\s+)?sources(?:\s+(?:page\s+)?(\d{1,6}))?\s*[.?!]?\s*$/i.exec(text);
  if (!match) return null;
  return match[1] ? Number(match[1]) : 1;
}
