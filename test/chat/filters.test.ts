import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuestionFilters, sinceDate } from '../../src/chat/index.js';

describe('parseQuestionFilters', () => {
  it('takes from: and since: out of the question', () => {
    expect(parseQuestionFilters('from:the74 since:2017 what did RAND find?')).toEqual({
      question: 'what did RAND find?',
      from: ['the74'],
      since: '2017-01-01',
      invalid: [],
    });
  });

  it('reads a quoted publisher, with straight or curly quotes, anywhere in the question', () => {
    expect(parseQuestionFilters('what did RAND find from:"Hechinger Report"?').from).toEqual([
      'Hechinger Report',
    ]);
    expect(parseQuestionFilters('from:“Hechinger Report” what did RAND find').from).toEqual([
      'Hechinger Report',
    ]);
  });

  it('keeps every from: term and the latest since: date', () => {
    const filters = parseQuestionFilters('FROM:a from:b since:2015 Since:2017-06 q');
    expect(filters.from).toEqual(['a', 'b']);
    expect(filters.since).toBe('2017-06-01');
  });

  it('reports a since: it cannot read instead of guessing', () => {
    expect(parseQuestionFilters('since:lastyear what changed').invalid).toEqual(['since:lastyear']);
    expect(parseQuestionFilters('since:2017-02-30 what changed').invalid).toEqual(['since:2017-02-30']);
  });

  it('leaves words that only contain "from" alone', () => {
    expect(parseQuestionFilters('results from the study, aside:x').from).toEqual([]);
  });

  it('never throws and never leaves a filter in the question, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const filters = parseQuestionFilters(text);
        expect(filters.question).not.toMatch(/(?<![\p{L}\p{N}])(from|since):\s?\S/iu);
      }),
    );
  });
});

describe('sinceDate', () => {
  it('turns a year, a month or a day into the first day it allows', () => {
    expect(sinceDate('2017')).toBe('2017-01-01');
    expect(sinceDate('2017-06')).toBe('2017-06-01');
    expect(sinceDate('2017-06-15')).toBe('2017-06-15');
    expect(sinceDate('17')).toBeNull();
  });
});
