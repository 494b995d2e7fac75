import type { DocumentMeta } from './types.js';

/**
 * The title a citation shows. A source without a headline is cited by what is known of it,
 * "Untitled article, The Hechinger Report", so the citation still reads as one.
 */
export function citationTitle(meta: DocumentMeta): string {
  if (meta.title) return meta.title;
  return meta.publisher ? `Untitled article, ${meta.publisher}` : `Untitled article (${meta.id})`;
}
