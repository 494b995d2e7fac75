import { markBoilerplate } from '../knowledge/boilerplate.js';
import { segmentBody } from '../knowledge/segment.js';

/**
 * The text the bot could quote from a body: its paragraphs that the boilerplate rules keep,
 * joined by blank lines. This is what `add --json` reports and what extraction is scored on.
 */
export function quotableText(body: string): string {
  return markBoilerplate(body, segmentBody(body), { drop: [], keep: [] })
    .filter((paragraph) => paragraph.boilerplate === null)
    .map((paragraph) => body.slice(paragraph.start, paragraph.end))
    .join('\n\n');
}
