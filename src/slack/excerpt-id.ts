import type { Excerpt } from '../answer/index.js';

/**
 * A stable id for an excerpt, logged with feedback votes: document id, paragraph and the quote's
 * character span, e.g. `the74-rand-math-scores-scaling#p33:4207-4463`.
 */
export function excerptId(excerpt: Excerpt): string {
  return `${excerpt.source.id}#p${excerpt.location.paragraph}:${excerpt.location.start}-${excerpt.location.end}`;
}
