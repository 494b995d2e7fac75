import { type Excerpt, placeInSource } from '../answer/index.js';
import { linkToPassage, normalizeHttpUrl } from '../answer/passage-link.js';
import { clip } from '../chat/clip.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_LIMITS } from './limits.js';
import { SLACK_MESSAGES } from './messages.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The mrkdwn citation under a quote: `— <url|Title>, Author, Publisher, 11 July 2017, paragraph 33`
 * (`p. 12` instead of the paragraph for a PDF).
 * The title links to the passage (text fragment) when the source has a URL. Every part is
 * escaped and clipped, so the line always fits one context element.
 */
export function renderCitation(excerpt: Excerpt): string {
  const { source } = excerpt;
  const title = escapeMrkdwn(clip(source.title, SLACK_LIMITS.titleChars));
  const parts = [linkedTitle(title, source.url, excerpt.quote)];
  if (source.author) parts.push(escapeMrkdwn(clip(source.author, SLACK_LIMITS.publisherChars)));
  if (source.publisher) parts.push(escapeMrkdwn(clip(source.publisher, SLACK_LIMITS.publisherChars)));
  if (source.date) parts.push(escapeMrkdwn(formatDate(source.date)));
  parts.push(placeInSource(excerpt.location));
  return `${SLACK_MESSAGES.citationPrefix} ${parts.join(', ')}`;
}

function linkedTitle(escapedTitle: string, url: string | null, quote: string): string {
  if (!url) return escapedTitle;
  const candidates = [linkToPassage(url, quote), normalizeHttpUrl(url)];
  const href = candidates.find((u) => u !== undefined && u.length <= SLACK_LIMITS.urlChars);
  if (!href) return escapedTitle;
  // Inside a link the label may not hold `|` (it would end the URL part early on some clients).
  return `<${escapeMrkdwn(href)}|${escapedTitle.replace(/\|/g, '¦')}>`;
}

/** `2017-07-11` → `11 July 2017`; anything else is shown as given. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return clip(date, 40);
  return `${Number(match[3])} ${month} ${match[1]}`;
}
