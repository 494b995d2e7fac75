import type { types } from '@slack/bolt';
import { clip } from '../chat/clip.js';
import { CHAT_MESSAGES, type SourceEntry, sourcesPage } from '../chat/index.js';
import { mrkdwnContext, mrkdwnSection, type SlackMessage } from './blocks.js';
import { formatDate } from './citation.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_LIMITS } from './limits.js';
import { SLACK_MESSAGES } from './messages.js';

/** Sources per page: 20 lines of at most ~330 characters fit three sections and one message. */
export const SOURCES_PER_PAGE = 20;
const TITLE_CHARS = 150;
const PUBLISHER_CHARS = 80;

/**
 * One page of the sources list as one Slack message: a heading, then one line per source
 * (title, publisher, date, passages), packed into sections under Slack's 3,000 characters,
 * then how to see the next page. Any number of sources renders; pages past the end show the last.
 */
export function renderSlackSources(
  entries: readonly SourceEntry[],
  page: number,
  hint: (page: number) => string,
): SlackMessage {
  if (entries.length === 0) {
    return { text: SLACK_MESSAGES.sourcesFallback, blocks: [mrkdwnSection(SLACK_MESSAGES.sourcesEmpty)] };
  }
  const shown = sourcesPage(entries, page, SOURCES_PER_PAGE);
  const last = shown.first + shown.entries.length - 1;
  const blocks: types.KnownBlock[] = [
    mrkdwnSection(SLACK_MESSAGES.sourcesTitle(shown.first, last, shown.total, shown.page, shown.pages)),
  ];
  let section = '';
  shown.entries.forEach((entry, at) => {
    const line = sourceLine(entry, shown.first + at);
    if (section && section.length + 1 + line.length > SLACK_LIMITS.sectionText - 100) {
      blocks.push(mrkdwnSection(section));
      section = line;
    } else {
      section = section ? `${section}\n${line}` : line;
    }
  });
  if (section) blocks.push(mrkdwnSection(section));
  if (shown.page < shown.pages) blocks.push(mrkdwnContext(SLACK_MESSAGES.sourcesNext(hint(shown.page + 1))));
  return { text: SLACK_MESSAGES.sourcesFallback, blocks };
}

function sourceLine(entry: SourceEntry, position: number): string {
  const parts = [`${position}. *${escapeMrkdwn(clip(entry.title.replace(/\s+/g, ' '), TITLE_CHARS))}*`];
  const details = [
    entry.publisher ? escapeMrkdwn(clip(entry.publisher, PUBLISHER_CHARS)) : null,
    entry.date ? formatDate(entry.date) : null,
    SLACK_MESSAGES.passages(entry.passages),
    `${CHAT_MESSAGES.sourceId(`\`${entry.id}\``)}`,
    entry.added ? escapeMrkdwn(CHAT_MESSAGES.addedBy(entry.added.by, entry.added.at)) : null,
  ].filter(Boolean);
  return `${parts[0]} — ${details.join(', ')}`;
}
