import { englishNlp } from '../english-nlp.js';

/**
 * ICU's sentence rules end a sentence at every full stop before a capital, so "Mr. Tyme",
 * "U.S. Army", "St. Louis" and "Elizabeth A. Burton" are cut in two, and a quote would stop at
 * "Mr.". wink-nlp's sentence splitter (its English model ships inside `wink-eng-lite-web-model`)
 * knows abbreviations and initials; it is asked only about lines where ICU ended a sentence after
 * a short word and a full stop (about one line in ten of news text), so indexing stays fast.
 */

/**
 * A sentence from ICU ending like this may end at an abbreviation rather than a sentence's end: a
 * short capitalised word ("Gov.", "Sept."), letters with full stops between them ("U.S.", "a.m.",
 * "z.B.") or one letter (an initial). A lower-case word ("mass.") is taken as a sentence's end.
 */
const MAY_END_AT_ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}\p{L}{0,3}|\p{L}(?:\.\p{L})+|\p{L})\.\s*$/u;

interface WinkSentences {
  readDoc(text: string): { sentences(): { out(): string[] } };
}

/** wink-nlp's sentence splitter; without it ICU's sentences stand: quotes may stop at an abbreviation, no more. */
function loadWink(): WinkSentences | null {
  return englishNlp<WinkSentences>('sbd');
}

/** True when ICU's sentence `text` ends the way an abbreviation does, so it may not be a sentence's end. */
export function mayEndAtAbbreviation(text: string): boolean {
  return MAY_END_AT_ABBREVIATION.test(text);
}

/**
 * The spans [start, end) of `line` that wink-nlp reads as sentences, those it can place exactly
 * (a sentence it prints differently from the line, with its spaces changed, is left out).
 */
export function winkSentenceSpans(line: string): Array<[number, number]> {
  const nlp = loadWink();
  if (!nlp) return [];
  const spans: Array<[number, number]> = [];
  let cursor = 0;
  for (const sentence of nlp.readDoc(line).sentences().out()) {
    const at = sentence ? line.indexOf(sentence, cursor) : -1;
    if (at < 0) continue;
    spans.push([at, at + sentence.length]);
    cursor = at + sentence.length;
  }
  return spans;
}
