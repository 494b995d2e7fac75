import { describe, expect, it } from 'vitest';
import {
  distinctWords,
  generateCorpus,
  generateQueries,
  misspell,
  mulberry32,
  PASSAGES_PER_GROUP,
} from '../../bench/corpus.js';

const seedWords = ['the', 'of', 'students', 'learning', 'personalized', 'schools', 'reading', 'mathematics'];

describe('bench corpus generator', () => {
  it('is deterministic', () => {
    const a = generateCorpus({ passages: 50, seedWords, syntheticVocabulary: 2_000 });
    const b = generateCorpus({ passages: 50, seedWords, syntheticVocabulary: 2_000 });
    expect(a).toEqual(b);
  });

  it('makes passages of 2–6 sentences of 10–30 words, 20 passages to a group', () => {
    const corpus = generateCorpus({ passages: 60, seedWords, syntheticVocabulary: 2_000 });
    corpus.forEach((passage, at) => {
      expect(passage.group).toBe(Math.floor(at / PASSAGES_PER_GROUP));
      expect(passage.sentences.length).toBeGreaterThanOrEqual(2);
      expect(passage.sentences.length).toBeLessThanOrEqual(6);
      for (const sentence of passage.sentences) {
        const count = sentence.split(' ').filter((word) => !/^\d+\.?$/.test(word)).length;
        expect(count).toBeGreaterThanOrEqual(10);
        expect(count).toBeLessThanOrEqual(30);
      }
    });
  });

  it('misspells a word into a different word', () => {
    const random = mulberry32(1);
    for (let i = 0; i < 100; i++) expect(misspell('reading', random)).not.toBe('reading');
  });

  it('samples queries from their source passage, a quarter with a typo the corpus does not hold', () => {
    const corpus = generateCorpus({ passages: 200, seedWords, syntheticVocabulary: 5_000 });
    const vocabulary = distinctWords(corpus);
    const queries = generateQueries(corpus, {
      count: 40,
      seed: 3,
      stopWords: new Set(['the', 'of']),
      vocabulary,
    });
    expect(queries).toHaveLength(40);
    expect(queries.filter((query) => query.typo)).toHaveLength(10);
    for (const query of queries) {
      const words = query.q.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(words.length).toBeLessThanOrEqual(5);
      const text = (corpus[query.source]?.text ?? '').toLowerCase();
      const missing = words.filter((word) => !text.includes(word));
      expect(missing.length).toBe(query.typo ? 1 : 0);
      for (const word of missing) expect(vocabulary.has(word)).toBe(false);
    }
  });
});
