import { clip } from '../chat/clip.js';
import { CHAT_MESSAGES, type SourceEntry, sourcesPage } from '../chat/index.js';
import { escapeDiscord } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';
import { DISCORD_MESSAGES } from './messages.js';
import type { DiscordReply } from './render.js';

/** Sources per page: 10 lines of at most ~180 characters stay under 2,000 with the heading. */
export const SOURCES_PER_PAGE = 10;
const LINE_CHARS = 180;

/**
 * One page of the sources list as one message of text: heading, one line per source (title,
 * publisher, date, passages), and how to see the next page. Any number of sources renders.
 */
export function renderDiscordSources(entries: readonly SourceEntry[], page: number): DiscordReply {
  if (entries.length === 0) return { content: DISCORD_MESSAGES.sourcesEmpty, embeds: [] };
  const shown = sourcesPage(entries, page, SOURCES_PER_PAGE);
  const last = shown.first + shown.entries.length - 1;
  const lines = [DISCORD_MESSAGES.sourcesTitle(shown.first, last, shown.total, shown.page, shown.pages)];
  shown.entries.forEach((entry, at) => {
    const details = [
      entry.publisher ? clip(entry.publisher, 60) : null,
      entry.date,
      DISCORD_MESSAGES.passages(entry.passages),
      CHAT_MESSAGES.sourceId(entry.id),
      entry.added ? CHAT_MESSAGES.addedBy(entry.added.by, entry.added.at) : null,
    ]
      .filter(Boolean)
      .join(', ');
    const title = clip(entry.title.replace(/\s+/g, ' '), Math.max(20, LINE_CHARS - details.length - 8));
    lines.push(`${shown.first + at}. ${escapeDiscord(title)} — ${escapeDiscord(details)}`);
  });
  if (shown.page < shown.pages) lines.push(DISCORD_MESSAGES.sourcesNext(shown.page + 1));
  return { content: clip(lines.join('\n'), DISCORD_LIMITS.content), embeds: [] };
}
