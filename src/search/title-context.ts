import { contentTokens } from './text.js';

/**
 * What the sentence encoder reads for a sentence: its article's title, then the sentence. A
 * natural question names its story and asks about a detail ("Which lander is Blue Origin
 * offering?"), and the sentence with the detail often does not name the story ("We're using our
 * Blue Moon lander"); with the title before it, the encoder sees both.
 *
 * A title's words shared by many titles of the base ("Personalized learning" in four of the five
 * seed articles' titles) tell its article from none of the others, and would make every sentence
 * of those articles look alike to any question about the shared subject: they are left out.
 */

/**
 * Stems of the words in at least `share` of the titles, and in two or more (a word in one title
 * alone always tells its article apart).
 */
export function sharedTitleWords(titles: readonly (string | null)[], share: number): Set<string> {
  const named = titles.filter((title): title is string => title !== null && title.length > 0);
  const counts = new Map<string, number>();
  for (const title of named)
    for (const stem of new Set(contentTokens(title).map((token) => token.stem)))
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
  const least = Math.max(2, share * named.length);
  return new Set([...counts].filter(([, count]) => count >= least).map(([stem]) => stem));
}

/** A word with a letter in it: a title left with numbers alone ("Report 7" less "Report") says nothing of its story. */
const LETTER = /\p{L}/u;

/** The title without its space-separated pieces that hold a shared word ("" when only stop words and numbers are left). */
export function distinctiveTitle(title: string | null, shared: ReadonlySet<string>): string {
  if (!title) return '';
  const kept = title
    .split(/\s+/)
    .filter((piece) => piece.length > 0 && !contentTokens(piece).some((token) => shared.has(token.stem)));
  return kept.some((piece) => contentTokens(piece).some((token) => LETTER.test(token.word)))
    ? kept.join(' ')
    : '';
}

/** The text embedded for a sentence: its article's distinctive title, a full stop, the sentence. */
export function titledSentence(title: string, sentence: string): string {
  return title ? `${title}. ${sentence}` : sentence;
}
