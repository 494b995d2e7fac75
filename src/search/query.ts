import { SYNONYM_GROUPS, SYNONYM_WEIGHT } from './synonyms.js';
import { contentTokens, isStopWord, stemWord, words } from './text.js';

/** One form a question word can take in the index: itself, a synonym, or a spelling correction. */
export interface QueryVariant {
  stem: string;
  /** 1 for the word itself; less for synonyms and corrections. */
  weight: number;
}

/** A meaningful word of the question, with every form that counts as matching it. */
export interface QueryConcept {
  /** The word as the user typed it (folded). */
  word: string;
  variants: QueryVariant[];
  /** Optional concepts add to the ranking but not to coverage (e.g. "defined" for a "what is" question). */
  optional: boolean;
}

export interface AnalyzedQuery {
  concepts: QueryConcept[];
  /** "How many…", "what percentage…": sentences with a number rank higher. */
  wantsNumber: boolean;
}

/** What query analysis needs to know of the index's vocabulary. */
export interface Vocabulary {
  hasWord(word: string): boolean;
  hasStem(stem: string): boolean;
  /** Close vocabulary words (or stop words) for a misspelled word, best first, distance in [0, 1]. */
  correct(word: string): Array<{ word: string; distance: number }>;
}

const NUMBER_QUESTION =
  /\bhow (?:many|much|large|big|often|long)\b|\bwhat (?:percent(?:age)?|number|share|proportion|fraction)\b/;
const DEFINITION_QUESTION = /^(?:what|who) (?:is|are|was|were)\b|\bdefin|\bmeaning\b|\bwhat does .+ mean\b/;
const DEFINITION_STEMS = ['defin', 'mean'];
const DEFINITION_WEIGHT = 0.5;

const synonymsByStem: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    const stems = group.map((word) => stemWord(word));
    for (const stem of stems) {
      const set = map.get(stem) ?? new Set<string>();
      for (const other of stems) if (other !== stem) set.add(other);
      map.set(stem, set);
    }
  }
  return new Map([...map].map(([stem, set]) => [stem, [...set]]));
})();

/**
 * Turns a question into concepts: each meaningful word with its synonyms and, when the index
 * has never seen it, its closest spellings from the index vocabulary (fuse.js). A misspelled
 * stop word ("waht") is recognised as one and dropped.
 */
export function analyzeQuery(question: string, vocabulary: Vocabulary): AnalyzedQuery {
  const folded = words(question).join(' ');
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  for (const token of contentTokens(question)) {
    let variants: QueryVariant[] = [{ stem: token.stem, weight: 1 }];
    if (!vocabulary.hasWord(token.word) && !vocabulary.hasStem(token.stem)) {
      const corrections = vocabulary.correct(token.word);
      if (corrections[0] && isStopWord(corrections[0].word)) continue;
      variants = variants.concat(
        corrections
          .filter((correction) => !isStopWord(correction.word))
          .map((correction) => ({ stem: stemWord(correction.word), weight: 1 - correction.distance })),
      );
    }
    for (const variant of [...variants]) {
      for (const synonym of synonymsByStem.get(variant.stem) ?? []) {
        variants.push({ stem: synonym, weight: variant.weight * SYNONYM_WEIGHT });
      }
    }
    const key = variants.map((variant) => variant.stem).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push({ word: token.word, variants: dedupeVariants(variants), optional: false });
  }
  if (DEFINITION_QUESTION.test(folded) && concepts.length > 0) {
    const variants = DEFINITION_STEMS.map((stem) => ({ stem, weight: DEFINITION_WEIGHT }));
    concepts.push({ word: 'definition', variants, optional: true });
  }
  return { concepts, wantsNumber: NUMBER_QUESTION.test(folded) };
}

function dedupeVariants(variants: QueryVariant[]): QueryVariant[] {
  const best = new Map<string, number>();
  for (const variant of variants)
    best.set(variant.stem, Math.max(best.get(variant.stem) ?? 0, variant.weight));
  return [...best].map(([stem, weight]) => ({ stem, weight }));
}
