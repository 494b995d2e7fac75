import type { KnowledgeDocument } from '../knowledge/types.js';
import { words } from '../search/index.js';

/**
 * Which documents a `from:` term (or a channel's configured term) names. A term matches a
 * document when it is the document's id or an id prefix ending at a dash (`the74` →
 * `the74-rand-…`), or when its words appear, in order, among the publisher's or the title's
 * words; spaces and punctuation do not matter (`the74` names "The 74", `"Hechinger Report"`
 * names "The Hechinger Report").
 */
export function documentsMatching(
  documents: readonly KnowledgeDocument[],
  term: string,
): KnowledgeDocument[] {
  const wanted = tokens(term);
  if (wanted.length === 0) return [];
  const slug = term.trim().toLowerCase();
  return documents.filter(({ meta }) => {
    if (meta.id === slug || meta.id.startsWith(`${slug}-`)) return true;
    return [meta.publisher, meta.title ?? ''].some((field) => containsRun(tokens(field), wanted));
  });
}

/** Ids of documents dated on or after `since` (ISO). Undated documents are left out. */
export function documentsSince(documents: readonly KnowledgeDocument[], since: string): KnowledgeDocument[] {
  return documents.filter(({ meta }) => meta.date !== null && meta.date >= since);
}

function tokens(text: string): string[] {
  return words(text);
}

/**
 * True when `wanted` occurs in `field` as a run of whole words, or as adjacent words written
 * together ("the74" for "The 74").
 */
function containsRun(field: string[], wanted: string[]): boolean {
  const joined = wanted.join('');
  for (let start = 0; start < field.length; start++) {
    if (wanted.every((word, at) => field[start + at] === word)) return true;
    let glued = '';
    for (let end = start; end < field.length && glued.length < joined.length; end++) {
      glued += field[end];
      if (glued === joined && end > start) return true;
    }
  }
  return false;
}
