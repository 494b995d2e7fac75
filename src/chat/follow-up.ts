import { contentTokens } from '../search/index.js';

/**
 * Follow-up questions in a conversation (a Slack thread, a Discord reply chain): a question that
 * leans on the one before is answered with the earlier question's topic carried over; any other
 * question stands alone, so a new topic is never mixed with the old one.
 *
 * Two shapes lean on the earlier question, and only when the new question is short:
 * - it starts with a connective ("and for reading?", "what about the 2015 study?", "also
 *   funding?") and has at most MAX_SUBSTITUTE_WORDS topic words: its words take the place of the
 *   earlier question's last topic word, the rest is carried ("what did RAND find for math?" →
 *   "RAND find … reading");
 * - it refers back ("who said that?", "when was it published?", "what did they find?") and has at
 *   most MAX_REFERRING_WORDS topic words: the earlier topic is carried whole.
 */

/** One answered question of a conversation, as the next one may build on it. */
export interface ConversationTurn {
  /** The question as answered: what was typed plus anything carried from earlier. */
  question: string;
  /** The `from:` terms in force. */
  from: readonly string[];
  /** The `since:` lower bound in force (ISO date), or null. */
  since: string | null;
}

/** The question to answer, and what (if anything) came from earlier. */
export interface EffectiveQuestion {
  /** What to answer: the typed question, with the carried topic words in front. */
  question: string;
  /** The carried words as they were written before, e.g. "RAND find math"; null when standalone. */
  carried: string | null;
}

const CONNECTIVE =
  /^\s*(?:and|also|plus|but|now|then|same|what about|how about|what of|and what about|and how about|and for|what for|and in|and on)\b/i;
const REFERRING = /\b(?:that|this|it|its|they|them|their|those|these|he|she|his|her|him|the same)\b/i;

/** A connective question with more topic words than this is a new question. */
export const MAX_SUBSTITUTE_WORDS = 3;
/** A referring question with more topic words than this is a new question. */
export const MAX_REFERRING_WORDS = 3;

/** Builds the question to answer from the typed one and the conversation's previous turn. */
export function buildFollowUp(typed: string, previous: ConversationTurn | undefined): EffectiveQuestion {
  const standalone = { question: typed, carried: null };
  if (!previous) return standalone;
  const own = topicWords(typed);
  const earlier = topicWords(previous.question);
  if (earlier.length === 0) return standalone;
  let carried: Array<{ word: string; text: string }>;
  if (CONNECTIVE.test(typed) && own.length > 0 && own.length <= MAX_SUBSTITUTE_WORDS) {
    // The new words stand in for the earlier question's last topic word (the aspect asked about).
    carried = earlier.slice(0, -1);
  } else if (REFERRING.test(typed) && own.length <= MAX_REFERRING_WORDS) {
    carried = earlier;
  } else {
    return standalone;
  }
  const ownWords = new Set(own.map(({ word }) => word));
  carried = carried.filter(({ word }) => !ownWords.has(word));
  if (carried.length === 0) return standalone;
  const carriedText = carried.map(({ text }) => text).join(' ');
  return { question: `${carriedText} ${typed.replace(CONNECTIVE, '').trim()}`.trim(), carried: carriedText };
}

/** "RAND find math" → "RAND find math"; longer → "RAND … math" (first and last word). */
export function shortTopic(carried: string): string {
  const parts = carried.split(' ');
  return parts.length <= 3 ? carried : `${parts[0]} … ${parts.at(-1)}`;
}

/** The question's topic words in order, each once, with the text as written. */
function topicWords(text: string): Array<{ word: string; text: string }> {
  const content = new Set(contentTokens(text).map((token) => token.word));
  const seen = new Set<string>();
  const found: Array<{ word: string; text: string }> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu)) {
    const written = match[0];
    const word = contentTokens(written)[0]?.word;
    if (!word || !content.has(word) || seen.has(word)) continue;
    seen.add(word);
    found.push({ word, text: written });
  }
  return found;
}
