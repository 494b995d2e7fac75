import { describe, expect, it } from 'vitest';
import { createEngine, placeInSource } from '../../src/answer/index.js';
import { documentOf } from '../helpers/knowledge-document.js';

/** A story told one sentence a paragraph, as news pages often are. */
const BRIDGE = documentOf('harbour-bridge', [
  'The harbour bridge opened to traffic in 1932 after eight years of work.',
  'The steel arch of the bridge was built by Dorman Long of Middlesbrough.',
  'Tolls from the crossing paid off its cost by 1988.',
  'Ferries still carry commuters across the water every day.',
]);
const QUESTION = 'When was the harbour bridge with its steel arch opened?';

describe('passages in consecutive paragraphs', () => {
  it('are quoted as one passage, verbatim, citing both paragraphs', () => {
    const [first] = createEngine([BRIDGE]).answer(QUESTION).excerpts;
    expect(first?.quote).toBe(
      'The harbour bridge opened to traffic in 1932 after eight years of work.\n\nThe steel arch of the bridge was built by Dorman Long of Middlesbrough.',
    );
    expect(first?.quote).toBe(BRIDGE.body.slice(first?.location.start, first?.location.end));
    expect(first?.location).toMatchObject({ paragraph: 1, lastParagraph: 2 });
  });

  it('stay two quotes when together they would pass the length limit', () => {
    const excerpts = createEngine([BRIDGE], { maxQuoteLength: 80 }).answer(QUESTION).excerpts;
    expect(excerpts.map((excerpt) => excerpt.location.paragraph).sort()).toEqual([1, 2]);
    expect(excerpts.every((excerpt) => excerpt.location.lastParagraph === undefined)).toBe(true);
  });
});

describe('placeInSource', () => {
  it('names the paragraph of a quote within one', () => {
    expect(placeInSource({ paragraph: 6, start: 0, end: 10 })).toBe('paragraph 6');
  });

  it('names the first and last paragraph of a quote running over two', () => {
    expect(placeInSource({ paragraph: 6, lastParagraph: 7, start: 0, end: 10 })).toBe('paragraphs 6–7');
  });

  it('names the page of a paged source instead', () => {
    expect(placeInSource({ paragraph: 6, lastParagraph: 7, start: 0, end: 10, page: 3 })).toBe('p. 3');
  });
});
