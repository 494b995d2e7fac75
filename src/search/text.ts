import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.js';

/** A word of a text: its folded surface form and its stem. */
export interface Token {
  word: string;
  stem: string;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Porter stem of a folded word, cached: corpora repeat a few thousand words millions of times. */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, stem);
  }
  return stem;
}

/**
 * Lower-cases and folds a text for matching: accents removed, possessive 's dropped,
 * apostrophes inside words removed, thousands separators joined ("11,000" → "11000").
 */
export function foldText(text: string): string {
  let folded = ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
  if (THOUSANDS.test(folded)) folded = folded.replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (/['’]/.test(folded))
    folded = folded.replace(/(\p{L})['’]s\b/gu, '$1').replace(/(\p{L})['’](\p{L})/gu, '$1$2');
  return folded;
}

const WORD = /[\p{L}\p{N}]+/gu;
const THOUSANDS = /\d,\d/;
const ASCII_WORD = /[a-z0-9]+/g;
/** Text with nothing to fold but case: no accents to strip, so NFKD can be skipped. */
const ASCII = /^[\t\n\r\x20-\x7e]*$/;

/** Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * Words of a text in a script written without spaces, by the dictionary-based word segmenter
 * Node ships (ICU, through `Intl.Segmenter`). NFKC keeps a kana and its voicing mark one
 * character (NFKD, as foldText uses for accents, would split "ド" into two and cut the word).
 */
function segmentedWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase()))
    if (isWordLike) words.push(...(segment.match(WORD) ?? []));
  return words;
}

/** Every word of a text, stop words included, folded. */
export function words(text: string): string[] {
  if (!ASCII.test(text) && UNSPACED_SCRIPT.test(text)) return segmentedWords(text);
  const folded = foldText(text);
  return folded.match(ASCII.test(folded) ? ASCII_WORD : WORD) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The folded words of a text that carry meaning: no stop words, no single letters. */
export function contentWords(text: string): string[] {
  const all = words(text);
  const kept: string[] = [];
  for (const word of all) {
    if ((word.length > 1 || (word >= '0' && word <= '9')) && !STOP_WORDS.has(word)) kept.push(word);
  }
  return kept;
}

/** The words of a text that carry meaning (no stop words, no single letters), with stems. */
export function contentTokens(text: string): Token[] {
  return contentWords(text).map((word) => ({ word, stem: stemWord(word) }));
}
