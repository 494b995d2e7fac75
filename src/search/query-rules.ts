import {
  type AnalyzedQuery,
  correctionVariants,
  dedupeVariants,
  type QueryConcept,
  type QueryVariant,
  questionType,
  type Vocabulary,
} from './query.js';
import { generalSpeller } from './speller.js';
import { SYNONYM_GROUPS } from './synonyms.js';
import { contentTokens, stemWord, words } from './text.js';

/*
 * The first stage's question analysis, hand-written in the first version: a domain thesaurus
 * (synonyms.ts), framing verbs and result words fitted to the seed sample, on top of query.ts's
 * spelling and lemmas. The answer model (answer-model.ts) then orders its best sentences again.
 * See docs/how-answers-are-chosen.md and docs/history.md for the measurements behind these choices.
 */

const NUMBER_QUESTION =
  /\bhow (?:many|much|large|big|often|long)\b|\bwhat (?:percent(?:age)?|number|share|proportion|fraction)\b/;
/** The words a "how many" question counts: up to three words after it, before a verb or preposition. */
const COUNTED_THING =
  /\bhow (?:many|much) ((?:(?!(?:were|was|are|is|did|do|does|have|has|had|in|of|at|for|took|take)\b)\w+ ?){1,3})/;
const DEFINITION_QUESTION = /^(?:what|who) (?:is|are|was|were)\b|\bdefin|\bmeaning\b|\bwhat does .+ mean\b/;
const DEFINITION_STEMS = ['defin', 'mean'];
/**
 * Verbs that frame a question rather than name its topic ("what did RAND *find* for reading?").
 * They still rank, as optional concepts, but a sentence need not hold them to answer.
 */
const FRAMING_STEMS = new Set(['find', 'found', 'conclud', 'conclus', 'show', 'shown', 'suggest', 'discov']);
/** Reporting verbs that frame the question only as its last word after "did/do/does" ("what did teachers report?"). */
const CLOSING_FRAMING_STEMS = new Set([
  'report',
  'state',
  'claim',
  'note',
  'argu',
  'write',
  'wrote',
  'conclud',
  'find',
]);
const AUXILIARY = /\b(?:did|do|does|have|has)\b/;
const FRAMING_WEIGHT = 0.5;
/**
 * A question framed by a finding verb wants a reported result: sentences with words that report
 * one rank higher, and count for part of the coverage.
 */
const RESULT_WORDS = [
  'found',
  'result',
  'show',
  'gain',
  'improv',
  'increas',
  'decreas',
  'effect',
  'signific',
  'trend',
  'percentil',
  'higher',
  'lower',
  'posit',
  'neg',
];
const RESULT_WEIGHT = 0.8;
/** A finding question answered without any word of a result is only partly answered. */
const RESULT_COVERAGE = 1;
const DEFINITION_WEIGHT = 0.5;

/**
 * A question word's forms: itself when the sources use it or when it is a common English word
 * (the 40,000 commonest, so "share" never becomes a look-alike source word); else its closest
 * spellings among the sources' words (fuse.js). Null for a misspelled stop word ("waht").
 */
function rulesSpelling(token: { word: string; stem: string }, vocabulary: Vocabulary): QueryVariant[] | null {
  const typed = [{ stem: token.stem, weight: 1 }];
  if (vocabulary.hasWord(token.word) || vocabulary.hasStem(token.stem)) return typed;
  if (generalSpeller().isCommonWord(token.word)) return typed;
  const variants = correctionVariants(vocabulary.correct(token.word));
  return variants && variants.length === 0 ? typed : variants;
}

/**
 * Other words for a question word from general English (word vectors, `vocabulary.similarStems`):
 * the sources' `limit` words closest to it with a cosine of at least `least`, each counting as
 * the word times `weight` × cosine for ranking (searched by `npm run fit:stage`), and `coverage`
 * of that for coverage (measured with `npm run fit:meaning`).
 */
export interface NeighbourOptions {
  least: number;
  limit: number;
  weight: number;
  /** The share of that weight a neighbour counts for the question's coverage. */
  coverage: number;
}

/** For each stem, the stems that stand for it and the best weight of any group joining them. */
const synonymsByStem: ReadonlyMap<string, ReadonlyMap<string, number>> = (() => {
  const map = new Map<string, Map<string, number>>();
  for (const group of SYNONYM_GROUPS) {
    const stems = [...new Set(group.words.map((word) => stemWord(word)))];
    for (const stem of stems) {
      const others = map.get(stem) ?? new Map<string, number>();
      for (const other of stems) {
        if (other !== stem) others.set(other, Math.max(others.get(other) ?? 0, group.weight));
      }
      map.set(stem, others);
    }
  }
  return map;
})();

/**
 * Turns a question into concepts: each meaningful word with its synonyms, its word neighbours
 * (when `neighbours` is given) and, when the index has never seen it, its closest spellings from
 * the index vocabulary (fuse.js). A misspelled
 * stop word ("waht") is recognised as one and dropped.
 */
export function analyzeQueryWithRules(
  question: string,
  vocabulary: Vocabulary,
  neighbours: NeighbourOptions | null = null,
): AnalyzedQuery {
  const folded = words(question).join(' ');
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  const tokens = contentTokens(question);
  const lastStem = tokens[tokens.length - 1]?.stem;
  let wantsResult = false;
  for (const token of tokens) {
    const spelled = rulesSpelling(token, vocabulary);
    if (!spelled) continue;
    let variants: QueryVariant[] = spelled;
    for (const variant of [...variants]) {
      for (const [synonym, weight] of synonymsByStem.get(variant.stem) ?? []) {
        variants.push({ stem: synonym, weight: variant.weight * weight });
      }
    }
    if (neighbours && vocabulary.similarStems) {
      const typedWeight = spelled[0]?.weight ?? 1;
      for (const { stem, similarity } of vocabulary.similarStems(
        token.word,
        neighbours.least,
        neighbours.limit,
      )) {
        const weight = typedWeight * neighbours.weight * similarity;
        variants.push({ stem, weight, coverage: weight * neighbours.coverage, neighbour: true });
      }
    }
    const key = variants.map((variant) => variant.stem).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const framing =
      FRAMING_STEMS.has(token.stem) ||
      (token.stem === lastStem &&
        tokens.length > 1 &&
        CLOSING_FRAMING_STEMS.has(token.stem) &&
        AUXILIARY.test(folded));
    wantsResult ||= FRAMING_STEMS.has(token.stem);
    if (framing)
      variants = variants.map((variant) => ({ ...variant, weight: variant.weight * FRAMING_WEIGHT }));
    concepts.push({
      word: token.word,
      meaning: token.word,
      variants: dedupeVariants(variants),
      optional: framing,
    });
  }
  if (wantsResult) {
    const variants = RESULT_WORDS.map((stem) => ({ stem, weight: RESULT_WEIGHT }));
    concepts.push({
      word: 'result',
      meaning: 'result',
      variants,
      optional: false,
      coverageScale: RESULT_COVERAGE,
    });
  }
  if (DEFINITION_QUESTION.test(folded) && concepts.length > 0) {
    const variants = DEFINITION_STEMS.map((stem) => ({ stem, weight: DEFINITION_WEIGHT }));
    concepts.push({ word: 'definition', meaning: 'definition', variants, optional: true });
  }
  const counted = COUNTED_THING.exec(folded)?.[1] ?? '';
  const countedStems = contentTokens(counted).map((token) => token.stem);
  return {
    concepts,
    type: questionType(folded),
    wantsNumber: NUMBER_QUESTION.test(folded),
    countedStems,
    words: words(question),
    definition: DEFINITION_QUESTION.test(folded),
  };
}
