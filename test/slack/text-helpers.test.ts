import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkToPassage } from '../../src/answer/passage-link.js';
import {
  decodeFeedbackValue,
  decodeShareValue,
  encodeFeedbackValue,
  encodeShareValue,
} from '../../src/slack/action-values.js';
import { scrubSecrets } from '../../src/slack/bolt-logger.js';
import { chunkText } from '../../src/slack/chunk-text.js';
import { formatDate } from '../../src/slack/citation.js';
import { escapeMrkdwn, SLACK_LIMITS } from '../../src/slack/index.js';
import { plainQuestion } from '../../src/slack/question-text.js';

describe('mrkdwn escaping', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn('a & b <!channel> > c')).toBe('a &amp; b &lt;!channel&gt; &gt; c');
  });

  it('leaves no angle bracket in any text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeMrkdwn(s)).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('passage links', () => {
  it('adds a text fragment with the start and end of a long quote', () => {
    expect(
      linkToPassage('https://example.org/a', 'one two three four five six seven eight nine ten eleven'),
    ).toBe(
      'https://example.org/a#:~:text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven',
    );
  });

  it('puts a short quote in the fragment whole, encoding "-" and "," which mean something there', () => {
    expect(linkToPassage('https://example.org/a', 'well-known, said he')).toBe(
      'https://example.org/a#:~:text=well%2Dknown%2C%20said%20he',
    );
  });

  it('keeps an existing fragment and replaces an existing text directive', () => {
    expect(linkToPassage('https://example.org/a#top', 'x')).toBe('https://example.org/a#top:~:text=x');
    expect(linkToPassage('https://example.org/a#:~:text=old', 'x')).toBe('https://example.org/a#:~:text=x');
  });

  it('links only absolute http(s) URLs', () => {
    expect(linkToPassage('javascript:alert(1)', 'x')).toBeUndefined();
    expect(linkToPassage('not a url', 'x')).toBeUndefined();
    expect(linkToPassage('mailto:a@b.c', 'x')).toBeUndefined();
  });
});

describe('citation dates', () => {
  it('reads ISO dates as day month year and shows anything else as given', () => {
    expect(formatDate('2017-07-11')).toBe('11 July 2017');
    expect(formatDate('Summer 2017')).toBe('Summer 2017');
    expect(formatDate('2017-13-01')).toBe('2017-13-01');
  });
});

describe('text chunking', () => {
  it('splits losslessly, within budget, preferring whitespace', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 2000 }),
        fc.integer({ min: 5, max: 300 }),
        (text, budget) => {
          const pieces = chunkText(text, budget, (ch) => (ch === '&' ? 5 : ch.length));
          expect(pieces.join('')).toBe(text);
          for (const piece of pieces) {
            const cost = Array.from(piece).reduce((sum, ch) => sum + (ch === '&' ? 5 : ch.length), 0);
            expect(cost).toBeLessThanOrEqual(budget);
          }
        },
      ),
    );
    expect(chunkText('aaa bbb ccc', 8, () => 1)).toEqual(['aaa bbb ', 'ccc']);
  });
});

describe('button values', () => {
  it('carry the question and excerpt ids within 2,000 characters, shortening the question first', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.array(fc.string({ maxLength: 120 }), { maxLength: 20 }),
        (q, ids) => {
          const raw = encodeFeedbackValue({ question: q, excerptIds: ids });
          expect(raw.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
          const decoded = decodeFeedbackValue(raw);
          expect(q.startsWith(decoded?.question ?? '!')).toBe(true);
          const share = encodeShareValue(q);
          expect(share.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
          expect(q.startsWith(decodeShareValue(share)?.question ?? '!')).toBe(true);
        },
      ),
    );
    expect(decodeFeedbackValue(encodeFeedbackValue({ question: 'q', excerptIds: ['a#p1:0-5'] }))).toEqual({
      question: 'q',
      excerptIds: ['a#p1:0-5'],
    });
  });

  it('are ignored when they are not ours', () => {
    expect(decodeFeedbackValue('not json')).toBeUndefined();
    expect(decodeShareValue('{"x":1}')).toBeUndefined();
    expect(decodeShareValue(undefined)).toBeUndefined();
  });
});

describe('question text from Slack', () => {
  it("removes the bot's mention and makes other Slack tokens readable", () => {
    expect(
      plainQuestion(
        '<@UBOT> what did <@U123|ann> say in <#C1|general> about <https://x.org|this> &amp; <!here>?',
        'UBOT',
      ),
    ).toBe('what did @ann say in #general about this & @here?');
  });
});

describe('log scrubbing', () => {
  it('removes tokens from free-text log lines', () => {
    const line = scrubSecrets(
      'token=xoxb-1-2-abc&x=1 {"token":"legacy"} Authorization: Bearer xapp-1-A-123 and xoxp-9-9 also xapp-1-B-456',
    );
    expect(line).not.toMatch(/xox[a-z]-|xapp-|legacy/);
  });
});
