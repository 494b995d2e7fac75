import { francAll } from 'franc-min';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { generalSpeller } from '../search/speller.js';

/**
 * Which languages the sources are written in, and whether a question is in none of them, so a
 * "not covered" or "uncertain" answer can say why. franc (trigram statistics, on npm) names a
 * language, but on short questions it takes one English question in five for another language.
 * So a question counts as foreign only when, besides franc's first choice being no source
 * language (and every source language scoring well below it), it barely uses the sources' common
 * lower-case words and, for English sources, mostly holds words general English does not know.
 * On the 835 public questions (news, written, seed), over the seed articles, this flags 12, in
 * Portuguese, German, Indonesian, Russian and Japanese, and no English one, misspelt or
 * keyword-only included.
 */

/** Documents read to learn the sources' languages and common words: evenly spread, at most. */
export const SAMPLED_DOCUMENTS = 1000;
/**
 * Characters read from each sampled document: franc's cost grows with the text, and 500 name the
 * same language as 2,000 for every one of the 91 public news pages (0.7 ms a document, not 1.9).
 */
export const SAMPLED_CHARS = 500;
/** The sources' commonest words that mark a question as written in their language. */
const COMMON_WORDS = 200;
/** A question sharing at least this share of its words with those is in the sources' language. */
const SHARED_WORDS = 0.2;
/** franc's score (1 for its first choice) under which a source language is ruled out. */
const OTHER_LANGUAGE_SCORE = 0.8;
/** For English sources: a question with at least this share of common English words is English. */
const ENGLISH_WORDS = 0.5;
/** Fewest letters franc needs to name a language at all. */
const MIN_LETTERS = 10;

interface SourceProfile {
  /** The sampled documents' text (SAMPLED_CHARS of each). */
  samples: string[];
  commonWords: Set<string>;
  /** ISO 639-3 codes of the sources' languages (languagesOf), learnt when first needed. */
  languages?: Set<string>;
}

const profiles = new WeakMap<readonly KnowledgeDocument[], SourceProfile>();

/**
 * The sources' common words, from an even sample of their documents. Cheap (a few milliseconds
 * at 100k passages), so a question sharing them is told apart without franc.
 */
function profileOf(documents: readonly KnowledgeDocument[]): SourceProfile {
  const known = profiles.get(documents);
  if (known) return known;
  const step = Math.max(1, Math.ceil(documents.length / SAMPLED_DOCUMENTS));
  const samples: string[] = [];
  const counts = new Map<string, number>();
  const lowerCase = new Map<string, number>();
  for (let at = 0; at < documents.length; at += step) {
    const document = documents[at] as KnowledgeDocument;
    const text = document.paragraphs
      .filter((paragraph) => paragraph.readerNumber !== null)
      .map((paragraph) => document.body.slice(paragraph.start, paragraph.end))
      .join('\n')
      .slice(0, SAMPLED_CHARS);
    samples.push(text);
    for (const written of text.match(/\p{L}+/gu) ?? []) {
      const word = written.toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + 1);
      if (written === word) lowerCase.set(word, (lowerCase.get(word) ?? 0) + 1);
    }
  }
  // Names ("RAND", "Gates") are frequent too, but a question in any language may use them.
  const commonWords = new Set(
    [...counts]
      .filter(([word, count]) => (lowerCase.get(word) ?? 0) * 2 >= count)
      .sort((a, b) => b[1] - a[1])
      .slice(0, COMMON_WORDS)
      .map(([word]) => word),
  );
  const profile: SourceProfile = { samples, commonWords };
  profiles.set(documents, profile);
  return profile;
}

/**
 * Samples franc reads whatever their words, evenly spread: enough to name the languages most of
 * the sources are in.
 */
const SPREAD_SAMPLES = 50;
/**
 * A sample with less than this share of its words among the sources' common ones is read by franc
 * too: it may be in a language few sources are in. On the 91 public news pages, English samples
 * hold 30–73% common words, the others 0–15%.
 */
const UNCOMMON_SHARE = 0.25;

/**
 * The languages franc names for the samples (0.7 ms each), once per set of documents: an even
 * spread of SPREAD_SAMPLES, and every sample with few of the sources' common words. A one-shot
 * `npm run ask` pays for it only for a question that shares none of those words; the bot learns
 * it right after each load. At 100k passages (1,000 samples) it took 700 ms when franc read every
 * sample.
 */
function languagesOf(profile: SourceProfile): Set<string> {
  if (profile.languages) return profile.languages;
  const languages = new Set<string>();
  const step = Math.max(1, Math.ceil(profile.samples.length / SPREAD_SAMPLES));
  profile.samples.forEach((text, at) => {
    const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
    const common = words.filter((word) => profile.commonWords.has(word)).length;
    if (at % step !== 0 && common >= UNCOMMON_SHARE * words.length) return;
    const [first] = francAll(text, { minLength: MIN_LETTERS });
    if (first && first[0] !== 'und') languages.add(first[0]);
  });
  profile.languages = languages;
  return languages;
}

/**
 * The question's language (ISO 639-3) when it is clearly none of the sources' languages; null when
 * it may be one of them or cannot be told.
 */
export function foreignLanguage(question: string, documents: readonly KnowledgeDocument[]): string | null {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.join('').length < MIN_LETTERS || documents.length === 0) return null;
  const profile = profileOf(documents);
  const share = (known: (word: string) => boolean) => words.filter(known).length / words.length;
  if (share((word) => profile.commonWords.has(word)) >= SHARED_WORDS) return null;
  const languages = languagesOf(profile);
  if (languages.size === 0) return null;
  const speller = languages.has('eng') ? generalSpeller() : null;
  if (speller && share((word) => speller.isCommonWord(word)) >= ENGLISH_WORDS) return null;
  const scores = francAll(question, { minLength: MIN_LETTERS });
  const [first] = scores;
  if (!first || first[0] === 'und' || languages.has(first[0])) return null;
  const sourceScore = Math.max(
    0,
    ...scores.filter(([code]) => languages.has(code)).map(([, score]) => score),
  );
  return sourceScore < OTHER_LANGUAGE_SCORE ? first[0] : null;
}

/**
 * The sources' languages (ISO 639-3), as far as a sample of them tells. Learnt once per set of
 * documents; the bot learns them right after each load, not on a question.
 */
export function sourceLanguages(documents: readonly KnowledgeDocument[]): string[] {
  return [...languagesOf(profileOf(documents))];
}

/** "Portuguese" for `por`; the code itself when the runtime has no name for it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
