import { describe, expect, it } from 'vitest';
import type { CandidateScoring, CandidateSentence } from '../../src/knowledge-db/knowledge-db.js';
import { bestParagraphs } from '../../src/knowledge-db/postgres-knowledge.js';

const RANK = { passageWeight: 0.75, passageCoverage: 0.7, groupCoverage: 0.45, coveragePower: 2 };
/** Two concepts, "zebra" (weight 2) and "quokka" (weight 1). */
const SCORING: CandidateScoring = {
  concepts: [[{ stem: 'zebra', weight: 2 }], [{ stem: 'quokka', weight: 1 }]],
  k1: 1.2,
  b: 0.75,
  averageLength: 10,
};

const sentence = (source: number, passage: number, position: number, score: number, concepts: number) =>
  ({ source, passage, position, score, concepts }) satisfies CandidateSentence;

describe('choosing the paragraphs an answer reads', () => {
  it("ranks a sentence with its paragraph: the paragraph holding the question's other word comes first", () => {
    const alone = sentence(1, 0, 0, 2.2, 0b01);
    const withNeighbour = [sentence(2, 5, 0, 2, 0b01), sentence(2, 5, 1, 0, 0)];
    const quokkaNeighbour = sentence(2, 5, 2, 1, 0b10);
    const chosen = bestParagraphs([alone, ...withNeighbour, quokkaNeighbour], SCORING, RANK, 1);
    expect(chosen).toEqual([...withNeighbour, quokkaNeighbour]);
  });

  it('keeps every sentence of the best paragraphs and none of the others, best paragraph first', () => {
    const candidates = [1, 2, 3, 4].flatMap((passage) => [
      sentence(9, passage, 0, passage, 0b11),
      sentence(9, passage, 1, 0, 0),
    ]);
    const chosen = bestParagraphs(candidates, SCORING, RANK, 2);
    expect(chosen.map(({ passage, position }) => [passage, position])).toEqual([
      [4, 0],
      [4, 1],
      [3, 0],
      [3, 1],
    ]);
  });

  it('chooses nothing from no candidates', () => {
    expect(bestParagraphs([], SCORING, RANK, 60)).toEqual([]);
  });
});
