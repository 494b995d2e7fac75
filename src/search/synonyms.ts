/**
 * A small domain thesaurus: each group holds words a question may use for what the sources say
 * in other words ("kids" for "students", "math" for "mathematics"). Groups are symmetric and
 * matched on stems; a synonym counts for less than the word itself (see SYNONYM_WEIGHT).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = Object.freeze([
  ['student', 'kid', 'child', 'children', 'pupil', 'learner'],
  ['math', 'mathematics', 'maths', 'arithmetic', 'algebra'],
  ['reading', 'literacy', 'ela'],
  [
    'fund',
    'funded',
    'funding',
    'funder',
    'paid',
    'pay',
    'sponsor',
    'sponsored',
    'finance',
    'financed',
    'commissioned',
    'bankrolled',
  ],
  [
    'find',
    'found',
    'finding',
    'findings',
    'result',
    'results',
    'conclude',
    'concluded',
    'conclusion',
    'outcome',
  ],
  ['study', 'research', 'report', 'evaluation', 'paper', 'analysis'],
  ['big', 'bigger', 'biggest', 'large', 'larger', 'largest', 'great', 'greatest', 'huge'],
  ['small', 'smaller', 'smallest', 'modest', 'little', 'tiny'],
  ['gain', 'improvement', 'improve', 'growth', 'increase', 'boost', 'progress'],
  [
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
  ['scale', 'scaling', 'widespread', 'expand', 'expansion', 'broad'],
  ['teacher', 'educator', 'instructor', 'faculty'],
  ['differ', 'difference', 'different', 'compare', 'compared', 'comparison', 'contrast', 'versus', 'vs'],
  ['define', 'definition', 'meaning', 'mean', 'means'],
  ['effect', 'impact', 'influence', 'benefit'],
  ['limitation', 'weakness', 'flaw', 'shortcoming', 'caveat', 'criticism', 'critique'],
  ['technology', 'computer', 'digital', 'device', 'screen', 'software', 'online'],
  ['cost', 'price', 'expensive', 'afford', 'affordable', 'money'],
  ['school', 'schools', 'campus'],
  ['charter', 'charters'],
  ['grade', 'grades', 'level'],
  ['elementary', 'primary'],
  ['sample', 'participants', 'group'],
  ['expectation', 'expect', 'expectations', 'hope'],
]);

/** Weight of a synonym relative to the question's own word (1). */
export const SYNONYM_WEIGHT = 0.6;
