import type { Paragraph, Sentence } from '../knowledge/types.js';
import { contentTokens } from '../search/text.js';

/** A stretch of a paragraph to quote: offsets into the document body. */
export interface QuoteSpan {
  start: number;
  end: number;
  cutBefore: boolean;
  cutAfter: boolean;
}

/** A sentence in a quote that holds no question word costs this share of the best sentence's score. */
const FILLER_COST = 0.35;

/**
 * Chooses the stretch of consecutive sentences around the best one that holds the most evidence
 * within `maxLength`: neighbours that also hold question words join it, with at most a short
 * sentence between them ("…large scale. “If it becomes widespread…”"). A single sentence longer
 * than `maxLength` is cut to the window holding the most question words, at word boundaries.
 */
export function buildQuoteSpan(args: {
  body: string;
  sentences: readonly Sentence[];
  /** Position in `sentences` of the best sentence. */
  best: number;
  /** How well the sentence at a position matches the question (0 when it holds no question word). */
  scoreOf: (position: number) => number;
  /** Stems of the question's words and their variants, to centre a cut. */
  stems: ReadonlySet<string>;
  maxLength: number;
}): QuoteSpan {
  const { body, sentences, best, scoreOf, stems, maxLength } = args;
  const bestSentence = sentences[best] as Sentence;
  if (bestSentence.end - bestSentence.start > maxLength)
    return cutSentence(body, bestSentence, stems, maxLength);
  const fillerCost = FILLER_COST * Math.max(scoreOf(best), Number.EPSILON);
  const value = (position: number) => {
    const score = scoreOf(position);
    return score > 0 ? score : -fillerCost;
  };
  let chosen = { first: best, last: best, total: value(best) };
  for (let first = best; first >= 0; first--) {
    let total = 0;
    for (let at = first; at < best; at++) total += value(at);
    for (let last = best; last < sentences.length; last++) {
      total += value(last);
      if ((sentences[last] as Sentence).end - (sentences[first] as Sentence).start > maxLength) break;
      if (total > chosen.total + 1e-9) chosen = { first, last, total };
    }
  }
  return {
    start: (sentences[chosen.first] as Sentence).start,
    end: (sentences[chosen.last] as Sentence).end,
    cutBefore: false,
    cutAfter: false,
  };
}

function cutSentence(
  body: string,
  sentence: Sentence,
  stems: ReadonlySet<string>,
  maxLength: number,
): QuoteSpan {
  const budget = maxLength - 2;
  const text = body.slice(sentence.start, sentence.end);
  const hits: number[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}'’]+/gu)) {
    const token = contentTokens(match[0])[0];
    if (token && stems.has(token.stem)) hits.push(match.index);
  }
  let bestFrom = 0;
  let bestCount = -1;
  for (const hit of hits.length > 0 ? hits : [0]) {
    const from = Math.max(0, Math.min(hit - 80, text.length - budget));
    const count = hits.filter((position) => position >= from && position < from + budget).length;
    if (count > bestCount) {
      bestCount = count;
      bestFrom = from;
    }
  }
  let from = bestFrom;
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space === -1 ? from : space + 1;
  }
  let to = Math.min(text.length, from + budget);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > from ? space : to;
  }
  while (to > from && /[\s,;:–—-]/.test(text[to - 1] ?? '')) to--;
  return {
    start: sentence.start + from,
    end: sentence.start + to,
    cutBefore: from > 0,
    cutAfter: to < text.length,
  };
}

/** The paragraph's sentences a quote may use: boilerplate sentences never are. */
export function quotableSentences(paragraph: Paragraph): Sentence[] {
  return paragraph.sentences.filter((sentence) => !sentence.boilerplate);
}
