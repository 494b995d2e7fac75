import { describe, expect, it } from 'vitest';
import { renderCitation } from '../../src/slack/citation.js';
import { excerpt, READING_QUOTE } from '../fixtures/slack-answers.js';

describe('slack citation', () => {
  it('names the paragraph of a web source', () => {
    expect(renderCitation(excerpt(READING_QUOTE))).toMatch(/, paragraph 6$/);
  });

  it('names both paragraphs of a quote running over two', () => {
    const twoParagraphs = excerpt(READING_QUOTE, undefined, {
      location: { paragraph: 6, lastParagraph: 7, start: 0, end: READING_QUOTE.length },
    });
    expect(renderCitation(twoParagraphs)).toMatch(/, paragraphs 6–7$/);
  });

  it('names the page instead of the paragraph for a PDF', () => {
    const paged = excerpt(READING_QUOTE, undefined, {
      location: { paragraph: 12, start: 0, end: READING_QUOTE.length, page: 3 },
    });
    const citation = renderCitation(paged);
    expect(citation).toMatch(/, 11 July 2017, p\. 3$/);
    expect(citation).not.toContain('paragraph');
  });
});
