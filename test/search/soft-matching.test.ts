import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { analyzeQuery } from '../../src/search/query.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { generalSpeller } from '../../src/search/speller.js';
import { defaultWordVectors } from '../../src/search/word-vectors.js';
import { documentOf } from '../helpers/knowledge-document.js';

describe('word vectors', () => {
  const vectors = defaultWordVectors();

  it('ship with the project and load offline', () => {
    expect(vectors).not.toBeNull();
    expect(vectors?.size).toBeGreaterThanOrEqual(100_000);
  });

  it('find a synonym close and an unrelated word far', () => {
    expect(vectors?.similarity('pupils', 'students')).toBeGreaterThan(0.6);
    expect(vectors?.similarity('obstacle', 'challenge')).toBeGreaterThan(0.45);
    expect(vectors?.similarity('pupils', 'weather')).toBeLessThan(0.3);
    expect(vectors?.similarity('obstacle', 'banana')).toBeLessThan(0.3);
  });

  it('know common words by frequency rank', () => {
    expect(vectors?.rank('the')).toBe(0);
    expect(vectors?.rank('government')).toBeLessThan(vectors?.rank('superintendent') ?? 0);
    expect(vectors?.rank('qwzxv')).toBeUndefined();
  });
});

describe('soft matching in answers (learned ranker)', () => {
  const engine = createEngine(
    [
      documentOf('district', [
        'The pupils in the district made large gains in reading this year.',
        'The weather in the district made large headlines in the press this year.',
      ]),
    ],
    { ranker: 'learned' },
  );

  it('credits a sentence that says the question word in other words ("students" → "pupils")', () => {
    const answer = engine.answer('Did the students in the district make gains this year?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.quote).toContain('pupils');
  });

  it('gives no such credit to an unrelated word', () => {
    const analysis = engine.analyze('Did the students in the district make gains this year?');
    const [best, other] = analysis?.scored ?? [];
    expect(best && other && best.score > other.score).toBe(true);
  });
});

describe('the general-English speller', () => {
  const toy = SearchIndex.build([{ group: 0, sentences: ['Reading scores rose in the district.'] }]);

  it.each([
    ['goverment', 'government'],
    ['libary', 'library'],
    ['recieve', 'receive'],
    ['begining', 'beginning'],
  ])('corrects "%s" to "%s" though the sources never use it', (typo, word) => {
    const concept = analyzeQuery(`${typo} reading`, toy).concepts.find((c) => c.word === typo);
    expect(concept?.meaning).toBe(word);
  });

  it('leaves a real English word the sources lack as it is', () => {
    const concept = analyzeQuery('weather reading', toy).concepts.find((c) => c.word === 'weather');
    expect(concept?.meaning).toBe('weather');
    expect(generalSpeller().isCommonWord('weather')).toBe(true);
  });

  it('still prefers the sources\' own word for a typo of it ("readng" → "reading")', () => {
    const concept = analyzeQuery('readng', toy).concepts[0];
    expect(concept?.meaning).toBe('reading');
  });
});

describe('the learned ranker over the seed articles', async () => {
  const { seedEngine } = await import('../helpers/seed-engine.js');
  const engine = await seedEngine({ ranker: 'learned' });
  const rules = await seedEngine();
  const vocabulary = [
    ...new Set(engine.documents.flatMap((document) => document.body.toLowerCase().match(/[a-z]{4,}/g) ?? [])),
  ].slice(0, 400);

  it('quotes only exact slices of the cited source, for any question made of its words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }), (words) => {
        const answer = engine.answer(`what about ${words.join(' ')}?`);
        for (const excerpt of answer.excerpts) {
          const source = engine.documents.find((document) => document.meta.id === excerpt.source.id);
          expect(source?.body.slice(excerpt.location.start, excerpt.location.end)).toBe(excerpt.quote);
        }
      }),
      { numRuns: 60 },
    );
  });

  it.each(['What did RAND find about school lunches?', 'What is the capital of France?'])(
    'abstains on "%s", which shares words with the sources but is not covered (default ranker)',
    (question) => {
      expect(rules.answer(question).answered).toBe(false);
    },
  );

  it('abstains on a question about something else entirely', () => {
    expect(engine.answer('How do volcanoes form under the ocean floor?').answered).toBe(false);
  });
});
