import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { analyzeQueryWithRules } from '../../src/search/query-rules.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { defaultWordNeighbours, WordNeighbours } from '../../src/search/word-neighbours.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** A table in the shipped format: `rows[i]` lists word i's neighbours as [index, cosine]. */
function tableOf(words: string[], rows: Array<Array<[number, number]>>, perWord = 2): Uint8Array {
  const list = new TextEncoder().encode(words.join('\n'));
  const cells = rows.length * perWord;
  const bytes = new Uint8Array(20 + list.byteLength + cells * 3);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('RBN1'), 0);
  view.setUint32(4, rows.length, true);
  view.setUint32(8, perWord, true);
  view.setUint32(12, words.length, true);
  view.setUint32(16, list.byteLength, true);
  bytes.set(list, 20);
  const ranksAt = 20 + list.byteLength;
  rows.forEach((row, i) => {
    for (let j = 0; j < perWord; j++) {
      const [neighbour, similarity] = row[j] ?? [0xffff, 0];
      view.setUint16(ranksAt + (i * perWord + j) * 2, neighbour, true);
      bytes[ranksAt + cells * 2 + i * perWord + j] = Math.round(similarity * 250);
    }
  });
  return bytes;
}

describe('the word-neighbour table', () => {
  const table = defaultWordNeighbours();

  it('ships with the project and loads offline', () => {
    expect(table).not.toBeNull();
    expect(table?.count).toBeGreaterThanOrEqual(30_000);
  });

  it('gives a word its other words, closest first ("obstacles" → challenges, barriers)', () => {
    const found = table?.of('obstacles', 0.6) ?? [];
    const words = found.map((neighbour) => neighbour.word);
    expect(words).toEqual(expect.arrayContaining(['challenges', 'barriers']));
    const similarities = found.map((neighbour) => neighbour.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(Math.min(...similarities)).toBeGreaterThanOrEqual(0.6);
  });

  it('does not give an unrelated word ("weather" is no other word for "students")', () => {
    expect(table?.of('students', 0.5).map((neighbour) => neighbour.word)).not.toContain('weather');
  });

  it('has nothing for a word it does not know', () => {
    expect(table?.of('qwzxv', 0.5)).toEqual([]);
  });

  it('reads its own format and stops at the first empty slot or a cosine below the least', () => {
    const words = ['pupils', 'students', 'learners'];
    const small = WordNeighbours.fromBuffer(
      tableOf(words, [
        [
          [1, 0.8],
          [2, 0.55],
        ],
        [[0, 0.8]],
      ]),
    );
    expect(small.of('pupils', 0.5)).toEqual([
      { word: 'students', similarity: 0.8 },
      { word: 'learners', similarity: 0.552 },
    ]);
    expect(small.of('pupils', 0.6)).toEqual([{ word: 'students', similarity: 0.8 }]);
    expect(small.of('students', 0.5)).toEqual([{ word: 'pupils', similarity: 0.8 }]);
    expect(small.of('learners', 0.5)).toEqual([]);
  });

  it('refuses a file of another kind or a cut one, and skips a neighbour it does not list', () => {
    const good = tableOf(['pupils', 'students'], [[[1, 0.8]]]);
    expect(() => WordNeighbours.fromBuffer(new TextEncoder().encode('RBV1 not this'))).toThrow(/RBN1/);
    expect(() => WordNeighbours.fromBuffer(good.subarray(0, good.byteLength - 2))).toThrow(/truncated/);
    const naming = WordNeighbours.fromBuffer(tableOf(['pupils', 'students'], [[[7, 0.8]]]));
    expect(naming.of('pupils', 0.5)).toEqual([]);
  });
});

describe("the rules ranker's other words for a question word", () => {
  it('finds the sources\' words for a question word they never use ("educators" → teachers)', () => {
    const index = SearchIndex.build([
      { group: 0, sentences: ['Teachers named several challenges.', 'Budgets were set in spring.'] },
    ]);
    const concept = analyzeQueryWithRules('Which challenges did educators name?', index, {
      least: 0.6,
      limit: 5,
      weight: 0.8,
      coverage: 0.6,
    }).concepts.find((c) => c.word === 'educators');
    const stems = concept?.variants.map((variant) => variant.stem);
    expect(stems).toContain('teacher');
    expect(stems).not.toContain('budget');
    const teacher = concept?.variants.find((variant) => variant.stem === 'teacher');
    expect(teacher?.weight).toBeGreaterThan(0.4);
    expect(teacher?.weight).toBeLessThan(1);
    expect(teacher?.coverage).toBeCloseTo((teacher?.weight ?? 0) * 0.6, 10);
  });

  it('ranks first the sentence that says a question word in other words, and only with neighbours', () => {
    const documents = [
      documentOf('district', [
        'Parents said that planning takes time.',
        'Teachers said that planning takes time.',
      ]),
    ];
    const question = 'Did educators say that planning takes time?';
    const [best, other] = createEngine(documents).analyze(question)?.scored ?? [];
    expect(best?.hit.sentence).toBe(1);
    expect(best?.score).toBeGreaterThan(other?.score ?? 0);
    const [first, second] = createEngine(documents, { neighbours: null }).analyze(question)?.scored ?? [];
    expect(first?.score).toBe(second?.score);
  });
});
