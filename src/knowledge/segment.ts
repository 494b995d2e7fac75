import { mayEndAtAbbreviation, winkSentenceSpans } from './abbreviation-splits.js';
import type { SegmentedParagraph, Sentence } from './types.js';

/** A line is blank when it holds only white space, non-breaking spaces included. */
const BLANK_LINE = /^[\s\u00a0]*$/;
const EDGE_SPACE = /[\s\u00a0]/;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Narrows [start, end) of `text` so it neither starts nor ends with white space. */
function trimRange(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  while (from < to && EDGE_SPACE.test(text[from] ?? '')) from++;
  while (to > from && EDGE_SPACE.test(text[to - 1] ?? '')) to--;
  return [from, to];
}

/**
 * Splits one line into sentences with ICU's sentence rules (abbreviations such as "Corp."
 * followed by a lower-case word stay inside the sentence), then joins again the pieces ICU cut at
 * an abbreviation before a capital ("Mr. Tyme", "U.S. Army"), where wink-nlp reads one sentence.
 */
function splitLine(text: string, start: number, end: number): Sentence[] {
  const line = text.slice(start, end);
  const pieces = [...sentenceSegmenter.segment(line)];
  let joined: Array<[number, number]> | undefined;
  const sentences: Sentence[] = [];
  let from = 0;
  pieces.forEach((piece, at) => {
    const to = piece.index + piece.segment.length;
    if (at < pieces.length - 1 && mayEndAtAbbreviation(piece.segment)) {
      joined ??= winkSentenceSpans(line);
      const cut = piece.index + piece.segment.trimEnd().length;
      if (joined.some(([first, last]) => first < cut && last > to)) return;
    }
    const [trimmedFrom, trimmedTo] = trimRange(text, start + from, start + to);
    if (trimmedTo > trimmedFrom) sentences.push({ start: trimmedFrom, end: trimmedTo, boilerplate: false });
    from = to;
  });
  return sentences;
}

/**
 * Splits a body into paragraphs (separated by blank lines) and each paragraph into sentences,
 * keeping exact offsets into `body`. Each line of a multi-line paragraph ends a sentence: web
 * copies put captions, datelines and list items on lines of their own.
 */
export function segmentBody(body: string): SegmentedParagraph[] {
  const paragraphs: SegmentedParagraph[] = [];
  let lines: Array<[number, number]> = [];
  const flush = () => {
    if (lines.length === 0) return;
    const first = lines[0] as [number, number];
    const last = lines[lines.length - 1] as [number, number];
    const [start, end] = trimRange(body, first[0], last[1]);
    const sentences = lines.flatMap(([from, to]) => splitLine(body, from, to));
    paragraphs.push({ number: paragraphs.length + 1, start, end, sentences });
    lines = [];
  };
  let lineStart = 0;
  while (lineStart <= body.length) {
    const newline = body.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? body.length : newline;
    if (BLANK_LINE.test(body.slice(lineStart, lineEnd))) flush();
    else lines.push([lineStart, lineEnd]);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  flush();
  return paragraphs;
}
