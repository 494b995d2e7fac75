import type { KnowledgeDocument } from '../knowledge/types.js';

/**
 * The paragraphs the bot could quote from a loaded document: those citations number
 * (`readerNumber`), exactly as they stand in the body. `add --json` reports them joined by blank lines, and the
 * extraction evaluation scores that text.
 */
export function quotableParagraphs(document: KnowledgeDocument): string[] {
  return document.paragraphs
    .filter((paragraph) => paragraph.readerNumber !== null)
    .map((paragraph) => document.body.slice(paragraph.start, paragraph.end));
}
