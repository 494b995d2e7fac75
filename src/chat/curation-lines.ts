import { clip } from './clip.js';
import { CHAT_MESSAGES } from './messages.js';
import type { CurationResult } from './types.js';

/** One line of a curation reply; a source just added can be removed with a button. */
export interface CuratedLine {
  text: string;
  /** The id of a source just added, for its Remove button. */
  removable?: string;
}

/** How a platform writes text: escaping what came from a source, and strong emphasis. */
export interface TextStyle {
  escape(text: string): string;
  strong(text: string): string;
}

/** The reply to a curator's add or remove, one line per input, in the platform's style. */
export function curatedLines(results: readonly CurationResult[], style: TextStyle): CuratedLine[] {
  const title = (text: string | null) =>
    text ? style.strong(style.escape(oneLine(text))) : CHAT_MESSAGES.untitled;
  return results.map((result) => {
    if (!result.ok) return { text: CHAT_MESSAGES.curationFailed(style.escape(result.message)) };
    if (result.action === 'remove') return { text: CHAT_MESSAGES.removed(title(result.title), result.id) };
    const { source } = result;
    const details = [source.author, source.publisher, source.date]
      .filter((part): part is string => Boolean(part?.trim()))
      .map((part) => style.escape(oneLine(part)))
      .join(', ');
    return {
      text: `${CHAT_MESSAGES.added(title(source.title), source.id, details)} ${CHAT_MESSAGES.addedSize(source.pages, source.paragraphs)}`,
      removable: source.id,
    };
  });
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return clip(flat, 200);
}
