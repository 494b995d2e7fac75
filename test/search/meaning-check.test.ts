import { describe, expect, it } from 'vitest';
import {
  createMeaningCheck,
  type MeaningCheckWeights,
  reorderByMeaning,
} from '../../src/search/meaning-check.js';
import type { SentenceEncoder } from '../../src/search/sentence-encoder.js';

/** Unit vectors on two axes: texts holding "school" point one way, the rest the other. */
function fakeEncoder(): SentenceEncoder & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    embed(texts) {
      asked.push([...texts]);
      return texts.map((text) => Float32Array.from(/school/i.test(text) ? [1, 0] : [0, 1]));
    },
    prepare() {},
    prefetch: async () => 0,
    close() {},
  };
}

const WEIGHTS: MeaningCheckWeights = {
  coverage: 4,
  paragraphCoverage: 2,
  documentCoverage: 1,
  cosine: 4,
  bias: -6,
  threshold: 0,
  leastCoverage: 0.3,
  candidates: 2,
  rerank: 1,
};
/** The sentence `sentence`, covering `coverage` of the question, its paragraph `paragraph`, its document `document`. */
const candidate = (sentence: number, coverage: number, paragraph = coverage, document = 0) => ({
  sentence,
  coverage,
  paragraphCoverage: paragraph,
  documentCoverage: document,
});
/** The ranker's best sentences: this one alone. */
const best = (sentence: number, coverage: number, paragraph = coverage, document = 0) => [
  candidate(sentence, coverage, paragraph, document),
];
const SENTENCES = ['The school opened in 2015.', 'The price of oil rose.'];

describe('meaning check', () => {
  it('answers when the best sentence means what the question asks', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(0, 0.6)).answers).toBe(true);
  });

  it('abstains when a well-covered sentence is about something else', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(1, 0.9)).answers).toBe(false);
  });

  it('abstains below the least coverage without asking the encoder', () => {
    const encoder = fakeEncoder();
    const check = createMeaningCheck(encoder, (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(0, 0.2)).answers).toBe(false);
    expect(encoder.asked).toEqual([]);
  });

  it('embeds a sentence once and then only the new question', () => {
    const encoder = fakeEncoder();
    const check = createMeaningCheck(encoder, (id) => SENTENCES[id] as string, WEIGHTS);
    check.judge('When did the school open?', best(0, 0.6));
    check.judge('Which year did the school open?', best(0, 0.6));
    expect(encoder.asked).toEqual([
      ['When did the school open?', 'The school opened in 2015.'],
      ['Which year did the school open?'],
    ]);
  });

  it('answers a sentence covering less of the question when its paragraph covers the rest', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(0, 0.3)).answers).toBe(false);
    expect(check.judge('When did the school open?', best(0, 0.3, 0.9)).answers).toBe(true);
  });

  it('answers a sentence whose document covers the rest of the question, and not one whose document does not', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(0, 0.3, 0.3, 0)).answers).toBe(false);
    expect(check.judge('When did the school open?', best(0, 0.3, 0.3, 1)).answers).toBe(true);
  });

  it('answers when a later one of the best sentences carries the meaning', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', [candidate(1, 0.9), candidate(0, 0.6)]).answers).toBe(
      true,
    );
  });

  it('looks no further than its number of candidates, embedding them in one call', () => {
    const encoder = fakeEncoder();
    const check = createMeaningCheck(encoder, (id) => SENTENCES[id] as string, WEIGHTS);
    const third = [candidate(1, 0.9), candidate(1, 0.8), candidate(0, 0.6)];
    expect(check.judge('When did the school open?', third).answers).toBe(false);
    expect(encoder.asked).toEqual([['When did the school open?', 'The price of oil rose.']]);
  });

  it('leaves the decision to coverage when the encoder is unavailable', () => {
    const broken: SentenceEncoder = { embed: () => null, prepare() {}, prefetch: async () => 0, close() {} };
    const check = createMeaningCheck(broken, (id) => SENTENCES[id] as string, WEIGHTS);
    expect(check.judge('When did the school open?', best(0, 0.6)).answers).toBeNull();
  });

  it('reports the cosine of each sentence it asked about, and of no other', () => {
    const check = createMeaningCheck(fakeEncoder(), (id) => SENTENCES[id] as string, WEIGHTS);
    const judgement = check.judge('When did the school open?', [candidate(1, 0.9), candidate(0, 0.2)]);
    expect(judgement.answers).toBe(false);
    expect([...judgement.similarity]).toEqual([[1, 0]]);
  });
});

describe('reordering by meaning', () => {
  const scored = (...sentences: Array<[number, number]>) =>
    sentences.map(([sentence, score]) => ({ hit: { sentence }, score }));
  /** Sentence 1 is about something else (cosine 0.1), sentence 0 means the question (0.6). */
  const COSINES = new Map([
    [1, 0.1],
    [0, 0.6],
  ]);

  it('puts a sentence meaning the question first when its score was close, handing the scores out in the new order', () => {
    const list = scored([1, 2.0], [0, 1.8], [5, 1.0]);
    reorderByMeaning(list, COSINES, 1);
    expect(list).toEqual(scored([0, 2.0], [1, 1.8], [5, 1.0]));
  });

  it('keeps a far better sentence first', () => {
    const list = scored([1, 4.0], [0, 1.8]);
    reorderByMeaning(list, COSINES, 1);
    expect(list).toEqual(scored([1, 4.0], [0, 1.8]));
  });

  it('leaves the order alone with a weight of 0', () => {
    const list = scored([1, 2.0], [0, 1.8]);
    reorderByMeaning(list, COSINES, 0);
    expect(list).toEqual(scored([1, 2.0], [0, 1.8]));
  });
});
