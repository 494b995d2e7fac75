import { BOILERPLATE_RULES, LICENCE_NOTICE } from '../../knowledge/boilerplate-rules.js';
import type { TextBlock } from './blocks.js';
import { type DomElement, tagOf } from './dom.js';

/**
 * The second half of the second pass, on the blocks of text Readability kept: what the page
 * places around the article's prose, recognised by its form (links, datelines, lone labels),
 * never by site.
 */

/** A block mostly made of link text is a list of other pages (related stories, "see more"). */
export const MAX_LINK_DENSITY = 0.5;
/** Blocks of at most this many words without a sentence end are labels ("Advert", "Skip to content"). */
export const LABEL_MAX_WORDS = 3;
/** A line without a sentence end right after an image, of at most this many words, is its caption or credit. */
export const CAPTION_MAX_WORDS = 8;
/** Scripts written without spaces between words, where a word count says nothing about length. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** A dateline or byline has at most this many words. */
export const DATELINE_MAX_WORDS = 16;

const HEADING = /^h[1-6]$/;
/** Containers whose short cells and items are content (tables, lists, definitions). */
const STRUCTURED = new Set(['td', 'th', 'li', 'dt', 'dd', 'caption', 'pre']);
const SENTENCE_END = /[.!?:;…。！？]["'”’)\]]*$/u;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_OR_TIME = new RegExp(
  `\\b(?:${MONTH}\\s+\\d{1,2}\\b|\\d{1,2}\\s+${MONTH}\\b|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?|\\d+\\s+(?:minutes?|hours?|days?|weeks?|months?)\\s+ago)`,
  'i',
);
/** Words that may stand beside a date in a dateline: "Published", "Updated on", "By", zones. */
const DATELINE_WORDS = new RegExp(
  `^(?:published|updated|posted|modified|last|on|at|by|and|the|${MONTH}|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|[ap]\\.?m\\.?|[a-z]{2,4}t|utc|gmt|ago|minutes?|hours?|days?|weeks?|months?|\\d[\\d:/.,-]*(?:[ap]m)?|\\d{1,2}(?:st|nd|rd|th))$`,
  'i',
);

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

function isHeading(block: TextBlock): boolean {
  return HEADING.test(tagOf(block.element));
}

function isStructured(element: DomElement): boolean {
  for (let node: DomElement | null = element; node; node = node.parentNode) {
    if (!node.tagName) return false;
    if (STRUCTURED.has(tagOf(node))) return true;
  }
  return false;
}

/** "Published 10:48, Tue, Nov 19, 2019", "By Jane Doe - 11/18/19 11:04 PM EST", "Posted 2 days ago". */
export function isDateline(text: string): boolean {
  return text.split('\n').every((line) => {
    const all = words(line);
    if (all.length === 0 || all.length > DATELINE_MAX_WORDS || !DATE_OR_TIME.test(line)) return false;
    const rest = all.filter((word) => !DATELINE_WORDS.test(word.replace(/[^\p{L}\p{N}:/.-]/gu, '')));
    const byline = /^by\b/i.test(all[0] ?? '') && rest.length <= 5;
    return rest.length <= 1 || byline;
  });
}

const LICENCE_PATTERN = BOILERPLATE_RULES.find((rule) => rule.reason === LICENCE_NOTICE)?.pattern;

/**
 * A licence or copyright notice: sentences in licence language ("is free software", "GNU General
 * Public License", "Copyright © 2005 …") make up at least half of the block, so that an article
 * paragraph that mentions a licence in passing stays.
 */
export function isLicenceNotice(text: string): boolean {
  if (!LICENCE_PATTERN) return false;
  const sentences = text.split(/(?<=[.!?])\s+|\n/);
  const notice = sentences.filter((sentence) => LICENCE_PATTERN.test(sentence.trim()));
  const chars = notice.reduce((sum, sentence) => sum + sentence.length, 0);
  return chars * 2 >= sentences.reduce((sum, sentence) => sum + sentence.length, 0);
}

/** Why a block is furniture by its form, or null when it may be article text. */
export function furnitureReason(block: TextBlock): string | null {
  const length = block.text.replace(/\s+/g, '').length;
  if (length > 0 && block.linkChars / block.text.length >= MAX_LINK_DENSITY) return 'mostly links';
  if (isDateline(block.text)) return 'dateline';
  if (!isHeading(block) && isLicenceNotice(block.text)) return 'licence notice';
  if (
    block.afterImage &&
    !isHeading(block) &&
    !isStructured(block.element) &&
    words(block.text).length <= CAPTION_MAX_WORDS &&
    !UNSPACED_SCRIPT.test(block.text) &&
    !SENTENCE_END.test(block.text)
  )
    return 'caption';
  if (
    !isHeading(block) &&
    !isStructured(block.element) &&
    words(block.text).length <= LABEL_MAX_WORDS &&
    !SENTENCE_END.test(block.text)
  )
    return 'label';
  return null;
}

/**
 * Drops furniture blocks, then headings left without text under them ("You may also like",
 * "More news") and the headings above the first paragraph (the page's title and standfirst,
 * which the citation already names).
 */
export function dropFurnitureBlocks(blocks: readonly TextBlock[]): TextBlock[] {
  const kept = blocks.filter((block) => furnitureReason(block) === null);
  const result: TextBlock[] = [];
  let seenProse = false;
  kept.forEach((block, at) => {
    if (!isHeading(block)) {
      seenProse = true;
      result.push(block);
      return;
    }
    if (!seenProse) return;
    const next = kept[at + 1];
    if (next === undefined || isHeading(next)) return;
    result.push(block);
  });
  return result;
}
