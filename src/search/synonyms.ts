/**
 * A small domain thesaurus: each group holds words a question may use for what the sources say
 * in other words ("kids" for "students", "math" for "mathematics"). Groups are symmetric and
 * matched on stems; a synonym counts for less than the word itself (see SYNONYM_WEIGHT).
 */
/** A group of words that stand for one another, and how much a match through the group counts. */
export interface SynonymGroup {
  weight: number;
  words: readonly string[];
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = Object.freeze([
  // Abbreviations and spellings of the same word: nearly as good as the word itself.
  { weight: 0.9, words: ['math', 'maths', 'mathematics'] },
  { weight: 0.9, words: ['kid', 'kids', 'child', 'children'] },
  { weight: 0.9, words: ['student', 'students', 'pupil', 'pupils'] },
  { weight: 0.9, words: ['big', 'bigger', 'biggest', 'large', 'larger', 'largest'] },
  { weight: 0.9, words: ['fund', 'funded', 'funding', 'funder', 'funders'] },
  // Words for the same idea.
  { weight: 0.6, words: ['student', 'kid', 'child', 'children', 'pupil', 'learner'] },
  { weight: 0.6, words: ['math', 'mathematics', 'arithmetic', 'algebra'] },
  { weight: 0.6, words: ['reading', 'literacy', 'ela'] },
  {
    weight: 0.6,
    words: [
      'fund',
      'paid',
      'pay',
      'sponsor',
      'sponsored',
      'finance',
      'financed',
      'commissioned',
      'bankrolled',
    ],
  },
  {
    weight: 0.6,
    words: ['find', 'found', 'finding', 'result', 'conclude', 'conclusion', 'outcome', 'gain', 'show'],
  },
  { weight: 0.6, words: ['study', 'research', 'report', 'evaluation', 'paper', 'analysis'] },
  { weight: 0.6, words: ['big', 'large', 'great', 'greatest', 'huge'] },
  { weight: 0.6, words: ['small', 'smaller', 'smallest', 'modest', 'little', 'tiny'] },
  { weight: 0.6, words: ['gain', 'improvement', 'improve', 'growth', 'increase', 'boost', 'progress'] },
  {
    weight: 0.6,
    words: [
      'challenge',
      'obstacle',
      'difficulty',
      'problem',
      'concern',
      'worry',
      'worried',
      'barrier',
      'tension',
      'hurdle',
    ],
  },
  { weight: 0.6, words: ['scale', 'scaling', 'widespread', 'expand', 'expansion', 'broad'] },
  { weight: 0.6, words: ['teacher', 'instructor', 'faculty'] },
  {
    weight: 0.6,
    words: [
      'differ',
      'difference',
      'different',
      'compare',
      'compared',
      'comparison',
      'contrast',
      'versus',
      'vs',
    ],
  },
  { weight: 0.6, words: ['define', 'definition', 'meaning', 'mean'] },
  { weight: 0.6, words: ['effect', 'impact', 'influence', 'benefit'] },
  {
    weight: 0.6,
    words: ['limitation', 'weakness', 'flaw', 'shortcoming', 'caveat', 'criticism', 'critique', 'doubt'],
  },
  { weight: 0.6, words: ['technology', 'computer', 'digital', 'device', 'screen', 'software', 'online'] },
  { weight: 0.6, words: ['cost', 'price', 'expensive', 'afford', 'affordable', 'money'] },
  { weight: 0.6, words: ['grade', 'level'] },
  { weight: 0.6, words: ['elementary', 'primary'] },
  { weight: 0.6, words: ['sample', 'participants'] },
  { weight: 0.6, words: ['expectation', 'expect', 'hope'] },
  { weight: 0.6, words: ['title', 'titled', 'entitled', 'named', 'called'] },
  { weight: 0.6, words: ['interview', 'interviewed', 'researcher', 'author'] },
]);
