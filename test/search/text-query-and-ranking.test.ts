import { describe, expect, it } from 'vitest';
import {
  analyzeQuery,
  analyzeQueryWithRules,
  contentTokens,
  FuzzyVocabulary,
  foldText,
  rankSentences,
  SearchIndex,
  STOP_WORDS,
} from '../../src/search/index.js';

const TOY_PASSAGES = [
  {
    group: 0,
    sentences: ['The district bought new laptops for every classroom.', 'Parents approved of the purchase.'],
  },
  {
    group: 1,
    sentences: [
      'Reading scores rose sharply in the personalized learning schools.',
      'Teachers described long planning hours.',
    ],
  },
  { group: 2, sentences: ['Scores in the arts stayed flat.', 'Personalized schedules were popular.'] },
];

function toyIndex(): SearchIndex {
  return SearchIndex.build(TOY_PASSAGES);
}

/** Two documents, the first with a description a question can name it by. */
const described = SearchIndex.build(
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

describe('foldText', () => {
  it('folds case and accents: "Élèves" is "eleves"', () => {
    expect(foldText('RAND Study of Élèves')).toBe('rand study of eleves');
  });

  it('joins thousands separators so "11,000" matches "11000"', () => {
    expect(foldText('11,000')).toBe('11000');
  });

  it('drops a possessive with a curly apostrophe: "RAND’s" is "rand"', () => {
    expect(foldText('RAND’s')).toBe('rand');
  });
});

describe('contentTokens', () => {
  it('drops stop words and keeps the words that carry meaning, with stems', () => {
    const tokens = contentTokens('What did the students learn about reading?');
    const kept = tokens.map((token) => token.word);
    expect(kept).toContain('students');
    expect(kept).toContain('reading');
    for (const word of kept) expect(STOP_WORDS.has(word)).toBe(false);
    expect(kept).not.toContain('what');
    expect(kept).not.toContain('the');
    expect(tokens.find((token) => token.word === 'students')?.stem).toBe('student');
  });
});

describe('FuzzyVocabulary', () => {
  const vocabulary = new FuzzyVocabulary([['reading', 'students', 'charter'], STOP_WORDS]);

  it('corrects "readng" to "reading"', () => {
    expect(vocabulary.correct('readng')[0]?.word).toBe('reading');
  });

  it('corrects the transposition "waht" to "what" at distance 0.1', () => {
    expect(vocabulary.correct('waht')).toContainEqual({ word: 'what', distance: 0.1 });
    expect(vocabulary.correct('waht')[0]).toEqual({ word: 'what', distance: 0.1 });
  });

  it('does not correct words shorter than four letters', () => {
    expect(vocabulary.correct('teh')).toEqual([]);
    expect(vocabulary.correct('rdg')).toEqual([]);
  });

  it('does not force a far word onto the vocabulary', () => {
    expect(new FuzzyVocabulary([['reading', 'students', 'charter']]).correct('weather')).toEqual([]);
  });
});

describe('analyzeQuery', () => {
  it('drops a misspelled stop word: "waht about scaling" has no concept for "waht"', () => {
    const index = SearchIndex.build([{ group: 0, sentences: ['Scaling the program is hard.'] }]);
    const query = analyzeQuery('waht about scaling', index);
    expect(query.concepts.map((concept) => concept.word)).not.toContain('waht');
    expect(query.concepts.map((concept) => concept.word)).toContain('scaling');
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

  it('wants a number for "How many charter schools…" and counts charter schools', () => {
    const query = analyzeQuery('How many charter schools were in the study?', described);
    expect(query.wantsNumber).toBe(true);
    expect(query.countedStems).toEqual(['charter', 'school']);
  });
});

describe('SearchIndex and rankSentences', () => {
  it('ranks the sentence holding the exact question words first', () => {
    const index = toyIndex();
    const ranking = rankSentences(index, analyzeQuery('reading scores personalized learning', index));
    expect(ranking.hits[0]?.sentence).toBe(2);
    expect(ranking.hits[0]?.passage).toBe(1);
    expect(ranking.hits[0]?.group).toBe(1);
    expect(ranking.hits[0]?.coverage).toBe(1);
  });

  it('prefers the sentence whose number counts what a "how many" question asks about', () => {
    const { hits } = rankSentences(described, analyzeQuery('How many charters were studied?', described));
    expect(hits[0]?.sentence).toBe(4);
  });

  it('lets a question name its source by the document description', () => {
    const { hits } = rankSentences(described, analyzeQuery('teachers planning in The 74', described));
    expect(hits[0]?.group).toBe(0);
    expect(hits[0]?.coverage).toBeGreaterThan(0.5);
  });

  it('lets a form of a word count less towards coverage than for ranking', () => {
    const index = SearchIndex.build([{ group: 0, sentences: ['Teachers named several challenges.'] }]);
    const query = (coverage: number) => ({
      ...analyzeQuery('teachers obstacles', index),
      concepts: [
        {
          word: 'teachers',
          meaning: 'teachers',
          variants: [{ stem: 'teacher', weight: 1 }],
          optional: false,
        },
        {
          word: 'obstacles',
          meaning: 'obstacles',
          variants: [{ stem: 'challeng', weight: 0.6, coverage }],
          optional: false,
        },
      ],
    });
    const full = rankSentences(index, query(0.6)).hits[0];
    const less = rankSentences(index, query(0.3)).hits[0];
    expect(less?.coverage).toBeLessThan(full?.coverage ?? 0);
    expect(less?.coverage).toBeGreaterThan(0);
  });

  it('lets a word neighbour bring in sentences of its own only when the word itself is not in the sources', () => {
    const index = SearchIndex.build([
      { group: 0, sentences: ['Teachers planned the lessons.'] },
      { group: 1, sentences: ['Educators met on Monday.'] },
    ]);
    const query = (word: string, stem: string) => ({
      ...analyzeQuery(word, index),
      concepts: [
        {
          word,
          meaning: word,
          variants: [
            { stem, weight: 1 },
            { stem: 'educ', weight: 0.6, coverage: 0.36, neighbour: true },
          ],
          optional: false,
        },
      ],
    });
    expect(rankSentences(index, query('teachers', 'teacher')).hits.map((hit) => hit.sentence)).toEqual([0]);
    expect(rankSentences(index, query('instructors', 'instructor')).hits.map((hit) => hit.sentence)).toEqual([
      1,
    ]);
  });

  it('refuses passages of one group that are not consecutive', () => {
    expect(() =>
      SearchIndex.build([
        { group: 0, sentences: ['One.'] },
        { group: 1, sentences: ['Two.'] },
        { group: 0, sentences: ['Three.'] },
      ]),
    ).toThrow(/not consecutive/);
  });
});
