import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, EXAMPLE_QUESTIONS } from '../../src/answer/index.js';
import { ACTION_IDS, decodeFeedbackValue, decodeShareValue } from '../../src/slack/action-values.js';
import { renderSlackAnswer, SLACK_LIMITS, SLACK_MESSAGES } from '../../src/slack/index.js';
import {
  ANSWERED,
  HOSTILE,
  LONG,
  LONG_QUOTE,
  MANY,
  NEEDS_QUESTION,
  NOT_COVERED,
  READING_QUOTE,
} from '../fixtures/slack-answers.js';
import { allText, blockTexts, quotesIn, slackTokens } from '../helpers/slack-blocks.js';

const OPTIONS = { askedBy: 'U0ASKER', command: '/research', maxExcerpts: 5 };

describe('slack answer rendering', () => {
  it('restates the question with who asked, first', () => {
    const [message] = renderSlackAnswer(ANSWERED, OPTIONS);
    expect(blockTexts(message?.blocks ?? [])[0]).toBe(SLACK_MESSAGES.asked('<@U0ASKER>', ANSWERED.question));
  });

  it('cites title, author, publisher, date and paragraph, linking to the passage with a text fragment', () => {
    const text = allText(renderSlackAnswer(ANSWERED, OPTIONS));
    expect(text).toContain(
      '— <https://www.the74million.org/article/personalized-learning-boosts-math-scores/#:~:text=The%20researchers%20found%20that%20students,but%20with%20non%E2%80%93statistically%20significant%20improvement.|Personalized Learning Boosts Math Scores, New RAND Study Finds — But Scaling Is a Challenge>, Kate Stringer, The 74, 11 July 2017, paragraph 6',
    );
  });

  it('cites a source without a URL as plain text', () => {
    const text = allText(renderSlackAnswer(ANSWERED, OPTIONS));
    expect(text).toContain(
      '— Study of personalized learning shows promising evidence - or does it?, School Leadership 2.0, paragraph 4',
    );
  });

  it('ends with the footer and 👍 / 👎 buttons that carry the question and excerpt ids', () => {
    const messages = renderSlackAnswer(ANSWERED, OPTIONS);
    const blocks = messages.at(-1)?.blocks ?? [];
    const actions = blocks.at(-1);
    expect(blockTexts(blocks).at(-3)).toBe(SLACK_MESSAGES.footer);
    expect(actions?.type).toBe('actions');
    if (actions?.type !== 'actions') return;
    expect(actions.elements.map((e) => 'action_id' in e && e.action_id)).toEqual([
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
    ]);
    const value =
      actions.elements[0] && 'value' in actions.elements[0] ? actions.elements[0].value : undefined;
    expect(decodeFeedbackValue(value)).toEqual({
      question: ANSWERED.question,
      excerptIds: ['the74-rand-math-scores-scaling#p6:4207-4463', 'sl20-think-twice-review#p4:680-780'],
    });
  });

  it('adds a "Share in channel" button carrying the question when asked to', () => {
    const actions = renderSlackAnswer(ANSWERED, { ...OPTIONS, share: true })
      .at(-1)
      ?.blocks.at(-1);
    if (actions?.type !== 'actions') throw new Error('no actions block');
    const share = actions.elements.find((e) => 'action_id' in e && e.action_id === ACTION_IDS.share);
    expect(share && 'text' in share && share.text?.text).toBe(SLACK_MESSAGES.shareInChannel);
    expect(decodeShareValue(share && 'value' in share ? share.value : undefined)).toEqual({
      question: ANSWERED.question,
    });
  });

  it('shows at most maxExcerpts excerpts and says how many it shows', () => {
    const messages = renderSlackAnswer(ANSWERED, { ...OPTIONS, maxExcerpts: 1 });
    expect(quotesIn(messages)).toHaveLength(1);
    expect(allText(messages)).toContain(ANSWER_MESSAGES.answered(1, 1));
  });

  it('says when the sources do not cover a question, and what they do cover', () => {
    const text = allText(renderSlackAnswer(NOT_COVERED, OPTIONS));
    expect(text).toContain(ANSWER_MESSAGES.notCoveredWithTopics);
    expect(text).toContain(
      "• Personalized learning works — if done well (Joanne Jacobs (blog)): John F. Pane's",
    );
    expect(text).toContain('Summary of RAND\'s "Continued Progress" report.');
  });

  it('offers feedback buttons on a not-covered answer too', () => {
    expect(renderSlackAnswer(NOT_COVERED, OPTIONS).at(-1)?.blocks.at(-1)?.type).toBe('actions');
  });

  it('shows usage with three example questions when there is no usable question', () => {
    const messages = renderSlackAnswer(NEEDS_QUESTION, OPTIONS);
    const text = allText(messages);
    expect(text).toContain(ANSWER_MESSAGES.noSearchableWords);
    for (const q of EXAMPLE_QUESTIONS) expect(text).toContain(SLACK_MESSAGES.usageExample('/research', q));
    expect(EXAMPLE_QUESTIONS).toHaveLength(3);
  });

  it('shows the note when the question was trimmed', () => {
    const note = ANSWER_MESSAGES.trimmed(1000);
    expect(allText(renderSlackAnswer({ ...ANSWERED, note }, OPTIONS))).toContain(note);
  });

  it("keeps a hostile source's link working: its url percent-encoded, its title escaped", () => {
    const tokens = slackTokens(allText(renderSlackAnswer(HOSTILE, OPTIONS)));
    expect(tokens).toEqual([
      '<@U0ASKER>',
      '<https://example.org/a%7Cb%3Cc%3E?x=1&amp;y=2#:~:text=Hey%20%3C!channel%3E%20and%20%3C!here%3E%2C%20ask,%26%20win%20%3E%201%20prize|Title &lt;!channel&gt; ¦ &lt;https://evil.example¦x&gt;>',
    ]);
  });

  it('splits a quote longer than a section over several sections, losing nothing', () => {
    const messages = renderSlackAnswer(LONG, OPTIONS);
    const sections = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(3);
    for (const text of messages.flatMap((m) => blockTexts(m.blocks))) {
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    expect(quotesIn(messages)).toEqual([LONG_QUOTE]);
  });

  it('continues an answer too long for one message in more messages, each marked as continued', () => {
    const messages = renderSlackAnswer(MANY, { ...OPTIONS, maxExcerpts: 20 });
    expect(messages.length).toBeGreaterThan(1);
    expect(quotesIn(messages)).toHaveLength(MANY.excerpts.length);
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    expect(messages.slice(1).every((m) => m.text.endsWith(SLACK_MESSAGES.continued))).toBe(true);
  });

  it('keeps to maxMessages, saying that the rest was left out, and still ends with the buttons', () => {
    const messages = renderSlackAnswer(MANY, { ...OPTIONS, maxExcerpts: 20, maxMessages: 2 });
    expect(messages).toHaveLength(2);
    const last = messages[1]?.blocks ?? [];
    expect(blockTexts(last)).toContain(SLACK_MESSAGES.leftOut);
    expect(last.at(-1)?.type).toBe('actions');
  });

  it('restates the question without a mention when the asker id does not look like a Slack user id', () => {
    const [message] = renderSlackAnswer(ANSWERED, { ...OPTIONS, askedBy: '<!channel>' });
    expect(blockTexts(message?.blocks ?? [])[0]).toBe(SLACK_MESSAGES.askedAnonymously(ANSWERED.question));
  });
});

describe('slack rendering of an uncertain answer', () => {
  const uncertain = {
    ...ANSWERED,
    answered: false,
    status: 'uncertain' as const,
    message: ANSWER_MESSAGES.uncertain,
  };

  it('says the sources may not answer it directly, then shows the closest passages verbatim', () => {
    const messages = renderSlackAnswer(uncertain, OPTIONS);
    expect(allText(messages)).toContain(ANSWER_MESSAGES.uncertain);
    expect(quotesIn(messages)).toEqual([`…${READING_QUOTE}…`, ANSWERED.excerpts[1]?.quote]);
  });

  it('keeps saying so when only some of the passages are shown', () => {
    const messages = renderSlackAnswer(uncertain, { ...OPTIONS, maxExcerpts: 1 });
    expect(allText(messages)).toContain(ANSWER_MESSAGES.uncertain);
    expect(quotesIn(messages)).toEqual([`…${READING_QUOTE}…`]);
  });
});
