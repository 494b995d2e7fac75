import type { PdfLine } from './lines.js';

/** A vertical gap this many times the usual line spacing starts a new paragraph. */
const PARAGRAPH_GAP = 1.4;
/** A line ending a sentence and shorter than this share of the widest line ends its paragraph. */
const SHORT_LINE = 0.8;
const SENTENCE_END = /[.!?:…]["'”’)\]]*$/u;
/** A word broken at the line end: a letter, then a hyphen. */
const BROKEN_WORD = /\p{L}-$/u;

/**
 * Joins two lines of one paragraph: a word hyphenated across them becomes whole again
 * ("research-" + "ers"); a hyphen before a capital or a digit is a compound's and stays
 * ("Franco-" + "Prussian").
 */
export function joinLines(left: string, right: string): string {
  if (BROKEN_WORD.test(left) && /^\p{Ll}/u.test(right)) return left.slice(0, -1) + right;
  if (/[\p{L}\p{N}]-$/u.test(left)) return left + right;
  return `${left} ${right}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Rebuilds a page's paragraphs from its lines: a paragraph ends at a wider gap than the page's
 * usual line spacing, at a change of font size (a heading), or after a short line that ends a
 * sentence.
 */
export function pageParagraphs(lines: readonly PdfLine[]): string[] {
  if (lines.length === 0) return [];
  // The usual spacing is the tightest one between lines of body text (superscripts aside).
  const fontSize = median(lines.map((line) => line.fontSize));
  const gaps = lines
    .slice(1)
    .map((line, at) => (lines[at] as PdfLine).y - line.y)
    .filter((gap) => gap >= fontSize * 0.8);
  // With too few lines to tell, assume the common leading of 1.2 times the font size.
  const spacing = gaps.length >= 3 ? Math.min(...gaps) : Math.min(fontSize * 1.2, ...gaps);
  const left = Math.min(...lines.map((line) => line.x));
  const widest = Math.max(...lines.map((line) => line.right)) - left;
  const paragraphs: string[] = [];
  let current = '';
  lines.forEach((line, at) => {
    const previous = lines[at - 1];
    const breaks =
      previous !== undefined &&
      (previous.y - line.y > spacing * PARAGRAPH_GAP ||
        Math.abs(previous.fontSize - line.fontSize) > 0.5 ||
        (SENTENCE_END.test(previous.text) && previous.right - left < widest * SHORT_LINE));
    if (breaks || current === '') {
      if (current !== '') paragraphs.push(current);
      current = line.text;
    } else current = joinLines(current, line.text);
  });
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}

/** True when a paragraph stops mid-sentence (it goes on at the top of the next page). */
export function endsMidSentence(paragraph: string): boolean {
  return !SENTENCE_END.test(paragraph);
}
