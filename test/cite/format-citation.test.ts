import { describe, expect, it } from 'vitest';
import { formatCitation, splitAuthors, toCslItem } from '../../src/cite/index.js';
import type { DocumentMeta } from '../../src/knowledge/types.js';

const FULL: DocumentMeta = {
  id: 'the74-rand',
  title: 'Personalized Learning Boosts Math Scores',
  publisher: 'The 74',
  author: 'Kate Stringer',
  date: '2017-07-11',
  url: 'https://www.the74million.org/article/x/',
  about: '',
};

/**
 * Expected entries: APA 7 as the CSL project's APA style (shipped in @citation-js/plugin-csl)
 * renders them, MLA 9 and Chicago 17 (notes and bibliography) as their handbooks write them.
 */
const EXPECTED: Array<[string, DocumentMeta, { apa: string; mla: string; chicago: string }]> = [
  [
    'author, date and URL',
    FULL,
    {
      apa: 'Stringer, K. (2017, July 11). Personalized Learning Boosts Math Scores. The 74. https://www.the74million.org/article/x/',
      mla: 'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74, 11 July 2017, https://www.the74million.org/article/x/.',
      chicago:
        'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74, July 11, 2017. https://www.the74million.org/article/x/.',
    },
  ],
  [
    'no author',
    { ...FULL, author: null },
    {
      apa: 'Personalized Learning Boosts Math Scores. (2017, July 11). The 74. https://www.the74million.org/article/x/',
      mla: '“Personalized Learning Boosts Math Scores.” The 74, 11 July 2017, https://www.the74million.org/article/x/.',
      chicago:
        '“Personalized Learning Boosts Math Scores.” The 74, July 11, 2017. https://www.the74million.org/article/x/.',
    },
  ],
  [
    'no date',
    { ...FULL, date: null },
    {
      apa: 'Stringer, K. (n.d.). Personalized Learning Boosts Math Scores. The 74. Retrieved https://www.the74million.org/article/x/',
      mla: 'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74, https://www.the74million.org/article/x/.',
      chicago:
        'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74. https://www.the74million.org/article/x/.',
    },
  ],
  [
    'no URL',
    { ...FULL, url: null },
    {
      apa: 'Stringer, K. (2017, July 11). Personalized Learning Boosts Math Scores. The 74.',
      mla: 'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74, 11 July 2017.',
      chicago: 'Stringer, Kate. “Personalized Learning Boosts Math Scores.” The 74, July 11, 2017.',
    },
  ],
  [
    'no author, date or URL',
    { ...FULL, author: null, date: null, url: null },
    {
      apa: 'Personalized Learning Boosts Math Scores. (n.d.). The 74.',
      mla: '“Personalized Learning Boosts Math Scores.” The 74.',
      chicago: '“Personalized Learning Boosts Math Scores.” The 74.',
    },
  ],
  [
    'two authors, a September date',
    { ...FULL, author: 'Sam Lee and Priya Nair', date: '2019-09-05', url: null },
    {
      apa: 'Lee, S., & Nair, P. (2019, September 5). Personalized Learning Boosts Math Scores. The 74.',
      mla: 'Lee, Sam, and Priya Nair. “Personalized Learning Boosts Math Scores.” The 74, 5 Sept. 2019.',
      chicago:
        'Lee, Sam, and Priya Nair. “Personalized Learning Boosts Math Scores.” The 74, September 5, 2019.',
    },
  ],
];

describe('formatCitation', () => {
  for (const [name, meta, expected] of EXPECTED) {
    it(`formats a source with ${name} in APA, MLA and Chicago`, () => {
      expect(formatCitation(meta, 'apa')).toBe(expected.apa);
      expect(formatCitation(meta, 'mla')).toBe(expected.mla);
      expect(formatCitation(meta, 'chicago')).toBe(expected.chicago);
    });
  }

  it('never invents a title for an untitled source, nor any other field', () => {
    const untitled: DocumentMeta = { ...FULL, title: null, author: null, date: null, url: null };
    expect(toCslItem(untitled)).toEqual({
      id: 'the74-rand',
      type: 'article-newspaper',
      'container-title': 'The 74',
    });
    for (const style of ['apa', 'mla', 'chicago'] as const) {
      const text = formatCitation(untitled, style);
      expect(text).toContain('The 74');
      expect(text).not.toMatch(/Untitled|Stringer|2017|https/);
    }
  });
});

describe('splitAuthors', () => {
  it('splits lists of names but keeps an inverted name whole', () => {
    expect(splitAuthors('Sam Lee and Priya Nair')).toEqual(['Sam Lee', 'Priya Nair']);
    expect(splitAuthors('Sam Lee, Priya Nair & Ana Ruiz')).toEqual(['Sam Lee', 'Priya Nair', 'Ana Ruiz']);
    expect(splitAuthors('Stringer, Kate')).toEqual(['Stringer, Kate']);
  });
});
