import { describe, expect, it } from 'vitest';
import { distinctiveTitle, sharedTitleWords, titledSentence } from '../../src/search/title-context.js';

const seedLike = [
  'Personalized Learning Boosts Math Scores, New RAND Study Finds',
  'Personalized Learning Produces Positive Outcomes',
  'Personalized learning works — if done well',
  'Study of personalized learning shows promising evidence',
  null,
];

describe("the titles' shared words", () => {
  it('are those in at least the given share of the titles, whatever their form', () => {
    const shared = sharedTitleWords(seedLike, 0.25);
    expect(distinctiveTitle(seedLike[0] as string, shared)).toBe('Boosts Math Scores, New RAND Finds');
    expect(distinctiveTitle(seedLike[2] as string, shared)).toBe('works — if done well');
  });

  it('never include a word only one title has, however few the titles', () => {
    const shared = sharedTitleWords(
      ['Blue Origin unveils its moon lander', 'Emirates orders Boeing jets'],
      0.25,
    );
    expect(shared.size).toBe(0);
  });

  it('leave a title nothing when every word it has is shared, or it has none', () => {
    const shared = sharedTitleWords(['Personalized learning', 'Personalized learning, again'], 0.25);
    expect(distinctiveTitle('Personalized learning', shared)).toBe('');
    expect(distinctiveTitle(null, shared)).toBe('');
  });

  it('leave a title nothing when only numbers are left of it', () => {
    const shared = sharedTitleWords(
      ['Report 7 on schools', 'Report 8 on schools', 'Report on Kenyan schools'],
      0.25,
    );
    expect(distinctiveTitle('Report 7 on schools', shared)).toBe('');
    expect(distinctiveTitle('Report on Kenyan schools', shared)).toBe('on Kenyan');
  });
});

describe('a sentence as the encoder reads it', () => {
  it('follows its title and a full stop, or stands alone without one', () => {
    expect(titledSentence('Blue Origin unveils its moon lander', "We're using our Blue Moon lander.")).toBe(
      "Blue Origin unveils its moon lander. We're using our Blue Moon lander.",
    );
    expect(titledSentence('', 'Scores rose.')).toBe('Scores rose.');
  });
});
