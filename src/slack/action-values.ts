import { z } from 'zod';
import type { CitationStyle } from '../cite/index.js';
import { SLACK_LIMITS } from './limits.js';

/** Button action ids; the adapter listens for exactly these. */
export const ACTION_IDS = Object.freeze({
  feedbackUp: 'research_feedback_up',
  feedbackDown: 'research_feedback_down',
  share: 'research_share',
  cite: 'research_cite',
  /** The Remove button under a source a curator just added; its value is the source id. */
  remove: 'research_remove',
});

/** Slack's limit on a select option's value. */
const OPTION_VALUE_LIMIT = 150;

/** Block id of the actions block holding the feedback and share buttons. */
export const ANSWER_ACTIONS_BLOCK_ID = 'research_answer_actions';

/** Block ids of the cite menus: this prefix and the excerpt's position. */
export const CITE_BLOCK_PREFIX = 'research_cite_';

/** What a feedback button carries: the question and the ids of the excerpts shown. Nothing secret. */
export interface FeedbackValue {
  question: string;
  excerptIds: string[];
  /** The stored answer's id, so the vote joins it in the curator's report. */
  answerId?: string | undefined;
}

const feedbackSchema = z.object({ q: z.string(), x: z.array(z.string()), a: z.string().max(64).optional() });
const citeSchema = z.object({ s: z.string().min(1), f: z.enum(['apa', 'mla', 'chicago']) });
const shareSchema = z.object({ q: z.string() });

/**
 * Encodes a feedback button's value within Slack's 2,000-character limit: the question is
 * shortened first, then excerpt ids are dropped from the end.
 */
export function encodeFeedbackValue(value: FeedbackValue): string {
  const ids = [...value.excerptIds];
  const answer = value.answerId ? { a: value.answerId } : {};
  for (;;) {
    const fitted = fitQuestion(value.question, (q) => JSON.stringify({ q, x: ids, ...answer }));
    if (fitted !== undefined || ids.length === 0) return fitted ?? JSON.stringify({ q: '', x: [] });
    ids.pop();
  }
}

export function decodeFeedbackValue(raw: string | undefined): FeedbackValue | undefined {
  const parsed = feedbackSchema.safeParse(parseJson(raw));
  if (!parsed.success) return undefined;
  return { question: parsed.data.q, excerptIds: parsed.data.x, answerId: parsed.data.a };
}

/** What a cite menu option carries: the source id and the style. */
export interface CiteValue {
  sourceId: string;
  style: CitationStyle;
}

/** The option value, or undefined when the source id is too long for Slack's 150 characters. */
export function encodeCiteValue(value: CiteValue): string | undefined {
  const encoded = JSON.stringify({ s: value.sourceId, f: value.style });
  return encoded.length <= OPTION_VALUE_LIMIT ? encoded : undefined;
}

export function decodeCiteValue(raw: string | undefined): CiteValue | undefined {
  const parsed = citeSchema.safeParse(parseJson(raw));
  return parsed.success ? { sourceId: parsed.data.s, style: parsed.data.f } : undefined;
}

/** Encodes the question for the "Share in channel" button, shortened to fit Slack's limit. */
export function encodeShareValue(question: string): string {
  return fitQuestion(question, (q) => JSON.stringify({ q })) ?? JSON.stringify({ q: '' });
}

export function decodeShareValue(raw: string | undefined): { question: string } | undefined {
  const parsed = shareSchema.safeParse(parseJson(raw));
  return parsed.success ? { question: parsed.data.q } : undefined;
}

/** The longest prefix of `question` (whole code points) whose encoding fits; undefined if even '' does not. */
function fitQuestion(question: string, encode: (q: string) => string): string | undefined {
  const full = encode(question);
  if (full.length <= SLACK_LIMITS.buttonValue) return full;
  if (encode('').length > SLACK_LIMITS.buttonValue) return undefined;
  const chars = Array.from(question);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (encode(chars.slice(0, mid).join('')).length <= SLACK_LIMITS.buttonValue) low = mid;
    else high = mid - 1;
  }
  return encode(chars.slice(0, low).join(''));
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
