import { describe, expect, it } from 'vitest';
import {
  analyzeQuery,
  analyzeQueryWithRules,
  contentTokens,
  FuzzyVocabulary,
  foldText,
  rankSentences,
  SearchIndex,
} from '../../src/search/index.js';

const toy = SearchIndex.build(
  [
    {
      group: 0,
      sentences: ['Students gained three points in mathematics.', 'Reading scores rose a little.'],
    },
    { group: 0, sentences: ['Teachers found planning took longer.'] },
    {
      group: 1,
      sentences: [
        'Kids in charter schools were studied.',
        'The study covered 31 charters and nine district schools.',
      ],
    },
  ],
  ['First report The 74 2017', 'Second report'],
);

describe('text folding', () => {
  it('folds case, accents, possessives and thousands separators, and drops stop words', () => {
    expect(foldText('RAND’s Study of 11,000 Élèves')).toBe('rand study of 11000 eleves');
    expect(contentTokens('What did the study say about the students?').map((token) => token.word)).toEqual([
      'study',
      'students',
    ]);
  });
});

describe('spelling correction', () => {
  const vocabulary = new FuzzyVocabulary([
    ['reading', 'readiness', 'scaling', 'students'],
    ['what', 'about'],
  ]);

  it('corrects a missing letter and a swapped pair of letters', () => {
    expect(vocabulary.correct('readng')[0]?.word).toBe('reading');
    expect(vocabulary.correct('waht')[0]).toEqual({ word: 'what', distance: 0.1 });
  });

  it('leaves short words alone, and does not force a far word onto the vocabulary', () => {
    expect(vocabulary.correct('rea')).toEqual([]);
    expect(vocabulary.correct('weather')).toEqual([]);
  });
});

describe('question analysis', () => {
  it('drops a misspelled stop word and keeps the topic', () => {
    const query = analyzeQuery('waht about studnets', toy);
    expect(query.concepts.map((concept) => concept.word)).toEqual(['studnets']);
    expect(query.concepts[0]?.variants.map((variant) => variant.stem)).toContain('student');
  });

  it("adds the sources' other forms of a word through its lemma, counting a little less", () => {
    const index = SearchIndex.build([
      { group: 0, sentences: ['The researchers found large gains for children.'] },
    ]);
    const find = analyzeQuery('what did they find', index).concepts[0];
    expect(find?.variants).toContainEqual({ stem: 'find', weight: 1 });
    expect(find?.variants.find((variant) => variant.stem === 'found')?.weight).toBeLessThan(1);
    const child = analyzeQuery('which child', index).concepts[0];
    expect(child?.variants.map((variant) => variant.stem)).toContain('children');
  });

  it('keeps a common English word the sources lack as itself, for both rankers, instead of respelling it as a source word', () => {
    const index = SearchIndex.build([{ group: 0, sentences: ['The charter report covered many schools.'] }]);
    for (const analyze of [analyzeQuery, analyzeQueryWithRules]) {
      const chapter = analyze('which chapter covered schools', index).concepts.find(
        (c) => c.word === 'chapter',
      );
      expect(chapter?.variants.map((variant) => variant.stem)).toEqual(['chapter']);
      // A misspelling of a word the sources do use is still corrected towards it.
      const typo = analyze('chartr schools', index).concepts[0];
      expect(typo?.variants.map((variant) => variant.stem)).toContain('charter');
    }
  });

  it('knows a "how many" question and what it counts', () => {
    const query = analyzeQuery('How many charter schools were in the study?', toy);
    expect(query.wantsNumber).toBe(true);
    expect(query.countedStems).toEqual(['charter', 'school']);
  });
});

describe('ranking', () => {
  it('puts the sentence holding the question words first', () => {
    const { hits } = rankSentences(toy, analyzeQuery('reading scores', toy));
    expect(hits[0]?.sentence).toBe(1);
    expect(hits[0]?.coverage).toBe(1);
  });

  it('prefers the sentence whose number counts what a "how many" question asks about', () => {
    const { hits } = rankSentences(toy, analyzeQuery('How many charters were studied?', toy));
    expect(hits[0]?.sentence).toBe(4);
  });

  it('lets a question name its source by the document description', () => {
    const { hits } = rankSentences(toy, analyzeQuery('teachers planning in The 74', toy));
    expect(hits[0]?.group).toBe(0);
    expect(hits[0]?.coverage).toBeGreaterThan(0.5);
  });

  it('refuses passages of one document that are not consecutive', () => {
    expect(() =>
      SearchIndex.build([
        { group: 0, sentences: ['a b c'] },
        { group: 1, sentences: ['d e f'] },
        { group: 0, sentences: ['g h i'] },
      ]),
    ).toThrow(/not consecutive/);
  });
});
