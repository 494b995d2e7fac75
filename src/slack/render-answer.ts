import type { types } from '@slack/bolt';
import { ANSWER_MESSAGES, type Answer, type Excerpt } from '../answer/index.js';
import { clip } from '../chat/clip.js';
import { CITATION_STYLE_NAMES, CITATION_STYLES } from '../cite/index.js';
import {
  ACTION_IDS,
  ANSWER_ACTIONS_BLOCK_ID,
  CITE_BLOCK_PREFIX,
  encodeCiteValue,
  encodeFeedbackValue,
  encodeShareValue,
} from './action-values.js';
import { blockTextLength, mrkdwnContext, mrkdwnSection, type SlackMessage } from './blocks.js';
import { chunkText, clipByCost } from './chunk-text.js';
import { renderCitation } from './citation.js';
import { escapeMrkdwn, userMention } from './escape.js';
import { excerptId } from './excerpt-id.js';
import { SLACK_LIMITS } from './limits.js';
import { SLACK_MESSAGES } from './messages.js';
import { renderUsage } from './render-usage.js';

/** How to render one answer. */
export interface RenderAnswerOptions {
  /** Slack user id of the asker, restated above the answer; omitted when unknown. */
  askedBy?: string | undefined;
  /** The slash command, for hints (e.g. `/research`). */
  command: string;
  /** Show at most this many excerpts (best first). */
  maxExcerpts: number;
  /** Add a "Share in channel" button (for ephemeral answers). Default false. */
  share?: boolean;
  /** The stored answer's id, carried by the 👍/👎 buttons. */
  answerId?: string;
  /**
   * At most this many messages (default: no limit). Slack accepts only five posts to one
   * `response_url`; past the limit the rest of the answer is left out, and the last message says so.
   */
  maxMessages?: number;
}

/** Room kept free in every message for the footer, the actions block and a "left out" note. */
const RESERVED_BLOCKS = 3;
/** Margin under Slack's section limit for the quote marks and the "…" we add. */
const SECTION_BUDGET = SLACK_LIMITS.sectionText - 8;
const SUGGESTION_CHARS = 400;
const QUESTION_BUDGET = 2500;

/**
 * Renders an Answer as one or more Slack messages (more only when it would break Slack's limits:
 * 50 blocks, 3,000 characters per section). Quotes are verbatim, escaped for mrkdwn; the first
 * message restates the question, the last carries the footer and the 👍/👎 (and share) buttons.
 */
export function renderSlackAnswer(answer: Answer, options: RenderAnswerOptions): SlackMessage[] {
  if (answer.status === 'needs_question') return [renderUsage(options.command, answer.message)];
  const shown = answer.status === 'answered' || answer.status === 'uncertain';
  const excerpts = shown ? answer.excerpts.slice(0, options.maxExcerpts) : [];
  const groups: types.KnownBlock[][] = [[mrkdwnSection(restateQuestion(answer.question, options.askedBy))]];
  if (answer.note) groups[0]?.push(mrkdwnContext(escapeMrkdwn(clip(answer.note, 500))));
  if (excerpts.length > 0) {
    groups[0]?.push(mrkdwnContext(escapeMrkdwn(summary(answer, excerpts))));
    excerpts.forEach((excerpt, at) => {
      groups.push(renderExcerpt(excerpt, at));
    });
  } else {
    groups.push(renderNotCovered(answer, options.command));
  }
  const tail: types.KnownBlock[] = [
    mrkdwnContext(SLACK_MESSAGES.footer),
    answerActions(answer.question, excerpts, options.share === true, options.answerId),
  ];
  const fallback = SLACK_MESSAGES.fallback(escapeMrkdwn(clip(answer.question, SLACK_LIMITS.fallbackText)));
  const messages = packMessages(groups, fallback);
  const kept = messages.slice(0, Math.max(1, options.maxMessages ?? messages.length));
  const last = kept.at(-1);
  if (last && kept.length < messages.length) last.blocks.push(mrkdwnContext(SLACK_MESSAGES.leftOut));
  last?.blocks.push(...tail);
  return kept;
}

/** Cost of a character inside a mrkdwn blockquote: escaped, and each newline repeats the `> `. */
function quoteCost(ch: string): number {
  if (ch === '&') return 5;
  if (ch === '<' || ch === '>') return 4;
  if (ch === '\n') return 3;
  return ch.length;
}

function escapedCost(ch: string): number {
  if (ch === '&') return 5;
  if (ch === '<' || ch === '>') return 4;
  return ch.length;
}

function restateQuestion(question: string, askedBy: string | undefined): string {
  const text = escapeMrkdwn(clipByCost(question, QUESTION_BUDGET, escapedCost));
  const mention = askedBy ? userMention(askedBy) : undefined;
  return mention ? SLACK_MESSAGES.asked(mention, text) : SLACK_MESSAGES.askedAnonymously(text);
}

function summary(answer: Answer, shown: Excerpt[]): string {
  // An uncertain answer always says so, however many of its passages are shown.
  if (answer.status === 'uncertain' || shown.length === answer.excerpts.length) return answer.message;
  return ANSWER_MESSAGES.answered(shown.length, new Set(shown.map((e) => e.source.id)).size);
}

/** The quote as blockquote section(s), "…" marking cuts, then its citation and the cite menu. */
function renderExcerpt(excerpt: Excerpt, at: number): types.KnownBlock[] {
  const pieces = chunkText(excerpt.quote, SECTION_BUDGET, quoteCost);
  const blocks: types.KnownBlock[] = pieces.map((piece, i) => {
    const before = i === 0 && excerpt.cutBefore ? '…' : '';
    const after = i === pieces.length - 1 && excerpt.cutAfter ? '…' : '';
    return mrkdwnSection(`> ${before}${escapeMrkdwn(piece).replace(/\n/g, '\n> ')}${after}`);
  });
  blocks.push(mrkdwnContext(renderCitation(excerpt)));
  const menu = citeMenu(excerpt, at);
  if (menu) blocks.push(menu);
  return blocks;
}

/** "Cite as…": APA, MLA or Chicago; the choice is answered privately with the citation. */
function citeMenu(excerpt: Excerpt, at: number): types.ActionsBlock | undefined {
  const options: types.PlainTextOption[] = [];
  for (const style of CITATION_STYLES) {
    const value = encodeCiteValue({ sourceId: excerpt.source.id, style });
    if (!value) return undefined;
    options.push({ text: { type: 'plain_text', text: CITATION_STYLE_NAMES[style] }, value });
  }
  return {
    type: 'actions',
    block_id: `${CITE_BLOCK_PREFIX}${at}`,
    elements: [
      {
        type: 'static_select',
        action_id: ACTION_IDS.cite,
        placeholder: { type: 'plain_text', text: SLACK_MESSAGES.citePlaceholder },
        options,
      },
    ],
  };
}

function renderNotCovered(answer: Answer, command: string): types.KnownBlock[] {
  const lines = [escapeMrkdwn(clip(answer.message, 1000))];
  for (const suggestion of answer.suggestions)
    lines.push(`• ${escapeMrkdwn(clip(suggestion, SUGGESTION_CHARS))}`);
  if (answer.suggestions.length === 0) lines.push(SLACK_MESSAGES.notCoveredHint(command));
  return packLines(lines).map(mrkdwnSection);
}

/** Joins lines with newlines into texts of at most one section each. Each line must fit alone. */
function packLines(lines: string[]): string[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > SECTION_BUDGET && current) {
      texts.push(current);
      current = line;
    } else {
      current = next;
    }
  }
  if (current) texts.push(current);
  return texts;
}

function answerActions(
  question: string,
  excerpts: Excerpt[],
  share: boolean,
  answerId: string | undefined,
): types.ActionsBlock {
  const feedback = encodeFeedbackValue({ question, excerptIds: excerpts.map(excerptId), answerId });
  const elements: types.ActionsBlockElement[] = [
    button(ACTION_IDS.feedbackUp, SLACK_MESSAGES.feedbackUp, feedback),
    button(ACTION_IDS.feedbackDown, SLACK_MESSAGES.feedbackDown, feedback),
  ];
  if (share) {
    elements.push({
      ...button(ACTION_IDS.share, SLACK_MESSAGES.shareInChannel, encodeShareValue(question)),
      style: 'primary',
    });
  }
  return { type: 'actions', block_id: ANSWER_ACTIONS_BLOCK_ID, elements };
}

function button(actionId: string, label: string, value: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
  };
}

/**
 * Packs groups of blocks into messages under the block and text budgets (leaving room for the
 * tail in each), keeping a group together when it fits a message of its own.
 */
function packMessages(groups: types.KnownBlock[][], text: string): SlackMessage[] {
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - RESERVED_BLOCKS;
  const messages: types.KnownBlock[][] = [];
  let current: types.KnownBlock[] = [];
  let currentText = 0;
  const fits = (blocks: types.KnownBlock[], length: number) =>
    blocks.length <= maxBlocks && length <= SLACK_LIMITS.messageText;
  const flush = () => {
    if (current.length > 0) messages.push(current);
    current = [];
    currentText = 0;
  };
  for (const group of groups) {
    const groupText = group.reduce((sum, b) => sum + blockTextLength(b), 0);
    if (!fits([...current, ...group], currentText + groupText) && fits(group, groupText)) flush();
    for (const block of group) {
      const length = blockTextLength(block);
      if (!fits([...current, block], currentText + length)) flush();
      current.push(block);
      currentText += length;
    }
  }
  flush();
  return messages.map((blocks, i) => ({
    text: i === 0 ? text : `${text} ${SLACK_MESSAGES.continued}`,
    blocks,
  }));
}
