import { generalSpeller } from './speller.js';
import { contentTokens, isStopWord, stemWord, words } from './text.js';

/** One form a question word can take in the index: itself or a spelling correction. */
export interface QueryVariant {
  stem: string;
  /** 1 for the word itself; less for corrections. */
  weight: number;
  /** How much the form counts as the word for coverage; its weight when absent. */
  coverage?: number;
  /**
   * Another word for the question word (a word neighbour): it scores sentences found through the
   * question's words but brings in sentences of its own only when the word itself is not in the sources.
   */
  neighbour?: boolean;
}

/** A meaningful word of the question, with every form that counts as matching it. */
export interface QueryConcept {
  /** The word as the user typed it (folded). */
  word: string;
  /**
   * The word whose meaning the concept carries: the typed word, or its best spelling correction
   * when the typed word is not English ("readng" → "reading"). Used for soft matching.
   */
  meaning: string;
  variants: QueryVariant[];
  /** Optional concepts add to the ranking but not to coverage. */
  optional: boolean;
  /** Scales the concept's share of coverage; 1 unless said otherwise. */
  coverageScale?: number;
}

/** What kind of answer the question's wording asks for (from its question words). */
export type QuestionType = 'when' | 'who' | 'where' | 'count' | 'why' | 'how' | 'what' | 'other';

export const QUESTION_TYPES: readonly QuestionType[] = Object.freeze([
  'when',
  'who',
  'where',
  'count',
  'why',
  'how',
  'what',
  'other',
]);

export interface AnalyzedQuery {
  concepts: QueryConcept[];
  type: QuestionType;
  /** "How many…", "what percentage…": sentences with a number rank higher. */
  wantsNumber: boolean;
  /** Stems of what a "how many" question counts ("how many charter schools" → charter, school). */
  countedStems: string[];
  /** Every folded word of the question, stop words included. */
  words: string[];
  /** "What is X?", "Who were Y?": the question asks what something is. */
  definition: boolean;
}

const DEFINITION_QUESTION = /^(?:what|who) (?:is|are|was|were|does \w+ mean)\b/;

/** What query analysis needs to know of the index's vocabulary. */
export interface Vocabulary {
  hasWord(word: string): boolean;
  hasStem(stem: string): boolean;
  /** Close vocabulary words (or stop words) for a misspelled word, best first, distance in [0, 1]. */
  correct(word: string): Array<{ word: string; distance: number }>;
  /** Stems of the vocabulary's words sharing a lemma with the word ("find" → "found"). */
  lemmaStems?(word: string): string[];
  /** Stems of the vocabulary's words closest in meaning to the word (cosine ≥ least), closest first. */
  similarStems?(word: string, least: number, limit: number): Array<{ stem: string; similarity: number }>;
}

/** A form of the word through its lemma ("found" for "find") counts nearly as the word itself. */
const LEMMA_WEIGHT = 0.9;

const COUNT_QUESTION =
  /\bhow (?:many|much|large|big|often|long|far|old|tall)\b|\bwhat (?:percent(?:age)?|number|share|proportion|fraction|amount)\b/;
/** The words a "how many" question counts: up to three words after it, before a verb or preposition. */
const COUNTED_THING =
  /\bhow (?:many|much) ((?:(?!(?:were|was|are|is|did|do|does|have|has|had|in|of|at|for|took|take)\b)\w+ ?){1,3})/;
const WHEN_QUESTION =
  /\bwhen\b|\b(?:what|which) (?:year|years|date|day|month|century|decade|time|era|period)\b/;
const WHO_QUESTION = /\bwho(?:m|se)?\b/;
const WHERE_QUESTION = /\bwhere\b/;
const WHY_QUESTION = /\bwhy\b/;
const HOW_QUESTION = /\bhow\b/;
const WHAT_QUESTION = /\b(?:what|which)\b/;
/** Corrections this close to the best one are as likely; if one is a stop word, the typed word was too. */
const NEAR_BEST = 0.05;

export function questionType(folded: string): QuestionType {
  if (COUNT_QUESTION.test(folded)) return 'count';
  if (WHEN_QUESTION.test(folded)) return 'when';
  if (WHO_QUESTION.test(folded)) return 'who';
  if (WHERE_QUESTION.test(folded)) return 'where';
  if (WHY_QUESTION.test(folded)) return 'why';
  if (HOW_QUESTION.test(folded)) return 'how';
  if (WHAT_QUESTION.test(folded)) return 'what';
  return 'other';
}

/**
 * Turns a question into concepts: each meaningful word and, when it is neither a word of the
 * sources nor a common English word, its closest spellings among the sources' words and general
 * English (ranked by edit distance, then frequency). A misspelled stop word ("waht") is
 * recognised as one and dropped. Meaning beyond spelling (other words for the same thing) is
 * matched later, by word vectors, when sentences are scored.
 */
export function analyzeQuery(question: string, vocabulary: Vocabulary): AnalyzedQuery {
  const all = words(question);
  const folded = all.join(' ');
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  for (const token of contentTokens(question)) {
    const spelled = spellingVariants(token, vocabulary);
    if (!spelled) continue;
    const { variants } = spelled;
    const { meaning } = spelled;
    if (vocabulary.lemmaStems) {
      for (const stem of vocabulary.lemmaStems(meaning))
        variants.push({ stem, weight: LEMMA_WEIGHT * (variants[0]?.weight ?? 1) });
    }
    const key = variants.map((variant) => variant.stem).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push({ word: token.word, meaning, variants: dedupeVariants(variants), optional: false });
  }
  const counted = COUNTED_THING.exec(folded)?.[1] ?? '';
  const countedStems = contentTokens(counted).map((token) => token.stem);
  const type = questionType(folded);
  return {
    concepts,
    type,
    wantsNumber: type === 'count',
    countedStems,
    words: all,
    definition: DEFINITION_QUESTION.test(folded),
  };
}

/**
 * A question word's forms: itself when the sources use it; else a far commoner spelling of it
 * ("goverment" → government) beside it; else, for a word that is not common English either, its
 * closest spellings among the sources' words and general English. Null for a misspelled stop
 * word ("waht"), which is dropped.
 */
export function spellingVariants(
  token: { word: string; stem: string },
  vocabulary: Vocabulary,
): { meaning: string; variants: QueryVariant[] } | null {
  const speller = generalSpeller();
  const typed = { stem: token.stem, weight: 1 };
  if (vocabulary.hasWord(token.word) || vocabulary.hasStem(token.stem))
    return { meaning: token.word, variants: [typed] };
  const commoner = speller.commonerSpelling(token.word);
  if (commoner)
    return {
      meaning: commoner.word,
      variants: [{ stem: stemWord(commoner.word), weight: 1 - commoner.distance }, typed],
    };
  if (speller.isCommonWord(token.word) || /\d/.test(token.word))
    return { meaning: token.word, variants: [typed] };
  const corrections = mergeCorrections(vocabulary.correct(token.word), speller.correct(token.word));
  const variants = correctionVariants(corrections);
  if (!variants) return null;
  if (variants.length === 0) return { meaning: token.word, variants: [typed] };
  return { meaning: (corrections[0] as { word: string }).word, variants };
}

/**
 * Spelling corrections (best first) as query variants weighted by closeness; null when a
 * correction about as close as the best is a stop word ("waht"): the typed word was one too.
 */
export function correctionVariants(
  corrections: ReadonlyArray<{ word: string; distance: number }>,
): QueryVariant[] | null {
  const closest = corrections[0]?.distance ?? 1;
  const nearBest = corrections.filter((correction) => correction.distance <= closest + NEAR_BEST);
  if (nearBest.some((correction) => isStopWord(correction.word))) return null;
  return corrections.map((correction) => ({
    stem: stemWord(correction.word),
    weight: 1 - correction.distance,
  }));
}

/**
 * Corrections from the sources' words and from general English, best first: by distance, then
 * the sources' words before general ones, then commoner words first.
 */
function mergeCorrections(
  fromSources: ReadonlyArray<{ word: string; distance: number }>,
  fromEnglish: ReadonlyArray<{ word: string; distance: number; rank: number }>,
): Array<{ word: string; distance: number }> {
  const merged = new Map<string, { word: string; distance: number; order: number }>();
  for (const correction of fromSources) merged.set(correction.word, { ...correction, order: -1 });
  for (const correction of fromEnglish) {
    const known = merged.get(correction.word);
    if (!known) merged.set(correction.word, { ...correction, order: correction.rank });
  }
  return [...merged.values()]
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, 3)
    .map(({ word, distance }) => ({ word, distance }));
}

/** One variant per stem, with its best weight. */
export function dedupeVariants(variants: QueryVariant[]): QueryVariant[] {
  const best = new Map<string, QueryVariant>();
  for (const variant of variants) {
    const known = best.get(variant.stem);
    if (!known) best.set(variant.stem, { ...variant });
    else if (variant.weight > known.weight) best.set(variant.stem, { ...variant });
  }
  return [...best.values()];
}
