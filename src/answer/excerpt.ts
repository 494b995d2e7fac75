import type { Paragraph, Sentence } from '../knowledge/types.js';
import { contentTokens } from '../search/text.js';

/** A stretch of a paragraph to quote: offsets into the document body. */
export interface QuoteSpan {
  start: number;
  end: number;
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * The sentences around the best one that also hold question words join the quote while it
 * stays within `maxLength`; a single sentence longer than that is cut to the window holding the
 * most question words, at word boundaries.
 */
export function buildQuoteSpan(args: {
  body: string;
  sentences: readonly Sentence[];
  /** Position in `sentences` of the best sentence. */
  best: number;
  /** Whether the sentence at a position holds a question word. */
  matches: (position: number) => boolean;
  /** Stems of the question's words and their variants, to centre a cut. */
  stems: ReadonlySet<string>;
  maxLength: number;
}): QuoteSpan {
  const { body, sentences, best, matches, stems, maxLength } = args;
  const bestSentence = sentences[best] as Sentence;
  let first = best;
  let last = best;
  const length = (from: number, to: number) =>
    (sentences[to] as Sentence).end - (sentences[from] as Sentence).start;
  for (let grown = true; grown; ) {
    grown = false;
    if (last + 1 < sentences.length && matches(last + 1) && length(first, last + 1) <= maxLength) {
      last++;
      grown = true;
    }
    if (first > 0 && matches(first - 1) && length(first - 1, last) <= maxLength) {
      first--;
      grown = true;
    }
  }
  if (length(first, last) <= maxLength) {
    return {
      start: (sentences[first] as Sentence).start,
      end: (sentences[last] as Sentence).end,
      cutBefore: false,
      cutAfter: false,
    };
  }
  return cutSentence(body, bestSentence, stems, maxLength);
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
