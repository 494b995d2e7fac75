import { sentencesInRange } from './postings.js';
import type { SearchIndex } from './search-index.js';
import { contentTokens } from './text.js';

/**
 * The question without the words that name its story. A natural question names the story
 * ("the British man who got feather duvet lung") and asks about one detail of it ("how old
 * was"); the story's words are in most of its sentences, so the encoder's cosine with the whole
 * question hardly tells them apart. Its cosine with what is left says which sentence holds the
 * detail asked about.
 *
 * A space-separated piece of the question is left out when one of its words is in at least
 * `share` of the sentences of the document `group` (the first stage's best). The question
 * itself is returned when nothing would be left out, or nothing but stop words would be left.
 */
export function questionFocus(question: string, index: SearchIndex, group: number, share: number): string {
  const first = index.groupStart[group] as number;
  const end = index.groupStart[group + 1] as number;
  const inDocument = end - first;
  if (inDocument <= 0) return question;
  const namesStory = (stem: string) => {
    const postings = index.postingsOf(stem);
    return postings !== undefined && sentencesInRange(postings, first, end) / inDocument >= share;
  };
  const pieces = question
    .split(/\s+/)
    .filter((piece) => piece.length > 0)
    .map((piece) => ({ piece, tokens: contentTokens(piece) }));
  // A question in a script written without spaces is one piece: nothing to leave out.
  if (pieces.length < 2) return question;
  const kept = pieces.filter(({ tokens }) => !tokens.some((token) => namesStory(token.stem)));
  if (kept.length === pieces.length || kept.every(({ tokens }) => tokens.length === 0)) return question;
  return kept.map(({ piece }) => piece).join(' ');
}
