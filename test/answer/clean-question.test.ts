import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanQuestion } from '../../src/answer/clean-question.js';
import { createEngine } from '../../src/answer/index.js';
import { parseKnowledgeDocument } from '../../src/knowledge/index.js';

const ARTICLE = `---
id: tutoring-study
title: Tutoring study
publisher: Test Press
---
The study found that daily tutoring raised reading scores by six points in one year.

Schools in the study served mostly rural students.
`;

const engine = createEngine(
  [parseKnowledgeDocument('tutoring-study.md', new TextEncoder().encode(ARTICLE))],
  {},
);
const QUESTION = 'what did the study find about tutoring and reading scores?';

describe('noise in an answerable question', () => {
  it('is answered without noise first, so the noisy variants below ask something answerable', () => {
    const answer = engine.answer(QUESTION);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.quote).toContain('raised reading scores by six points');
  });

  it.each([
    ['a plain @everyone', `@everyone ${QUESTION}`],
    ['@here at the end', `${QUESTION} @here`],
    ["Slack's <!channel>", `<!channel> ${QUESTION}`],
    ["Slack's <!subteam^S123|@researchers>", `<!subteam^S123|@researchers> ${QUESTION}`],
    ['a Slack user mention', `<@U0123ABC|maria> ${QUESTION}`],
    ['a Discord role mention', `<@&112233445566778899> ${QUESTION}`],
    ['a Discord custom emoji', `${QUESTION} <:thinking:112233445566778899>`],
    ['a <script> element', `<script>alert(document.cookie)</script> ${QUESTION}`],
    [
      'HTML tags around words',
      `<b>what</b> did the <i>study</i> find about tutoring and reading scores?<br/>`,
    ],
    ['a Slack link', `${QUESTION} <https://example.com/evil|see here>`],
    ['a bare URL', `${QUESTION} https://example.com/paywalled-article`],
    ['an emoji shortcode', `:wave: ${QUESTION} :pray:`],
    ['entities', `${QUESTION} &amp;&nbsp;&#8203;`],
  ])('answers it the same with %s in it', (_case, noisy) => {
    const answer = engine.answer(noisy);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.quote).toContain('raised reading scores by six points');
    // The asker sees their question as they typed it (adapters escape it); only analysis is cleaned.
    expect(answer.question).toBe(noisy.trim());
  });

  it('gives usage, not a search, when nothing but noise is asked', () => {
    expect(engine.answer('@everyone <!channel> <script>x</script>').status).toBe('needs_question');
  });
});

describe('cleanQuestion', () => {
  it('keeps the words of the question, and e-mail addresses, intact', () => {
    expect(cleanQuestion('  what did <@U1> find   about **reading**?  ')).toBe(
      'what did find about **reading**?',
    );
    expect(cleanQuestion('ask maria@example.org about it')).toBe('ask maria@example.org about it');
    expect(cleanQuestion('is 3 < 5 and 7 > 2?')).toBe('is 3 < 5 and 7 > 2?');
  });

  it('never leaves a mention or a tag in the text, whatever surrounds it (property)', () => {
    const noise = fc.constantFrom(
      '@everyone',
      '@here',
      '<!channel>',
      '<!here>',
      '<@U12345>',
      '<@&123>',
      '<script>',
      '</b>',
      '<img src=x>',
    );
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(word, noise), { maxLength: 12 }), (parts) => {
        const cleaned = cleanQuestion(parts.join(' '));
        expect(cleaned).not.toMatch(/@(everyone|here)|<!|<@|<\/?(script|img)/);
        const words = parts.filter((part) => /^[a-z]+$/.test(part));
        expect(cleaned).toBe(words.join(' '));
      }),
    );
  });
});
