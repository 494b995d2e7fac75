import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/index.js';
import {
  DISCORD_LIMITS,
  DISCORD_MESSAGES,
  renderCitation,
  renderDiscordAnswer,
  unescapeDiscord,
} from '../../src/discord/index.js';
import {
  answered,
  excerpt,
  HOSTILE_TEXT,
  notCovered,
  READING_QUOTE,
  source,
} from '../fixtures/discord-answers.js';

describe('renderDiscordAnswer', () => {
  it('restates the question, then quotes each excerpt in an embed with its citation', () => {
    const [reply, ...more] = renderDiscordAnswer(
      answered('what did RAND find for reading?', [excerpt(READING_QUOTE)]),
    );
    expect(more).toHaveLength(0);
    expect(unescapeDiscord(reply?.content ?? '')).toBe(
      `**${DISCORD_MESSAGES.asked}** what did RAND find for reading?`,
    );
    expect(reply?.embeds).toHaveLength(1);
    const description = unescapeDiscord(reply?.embeds[0]?.description ?? '');
    expect(description.split('\n')[0]).toBe(`> ${READING_QUOTE}`);
    expect(description).toContain('Kevin Mahnken, The 74, 2017-07-11, paragraph 6');
  });

  it('keeps every line of a multi-line quote inside the block quote', () => {
    const [reply] = renderDiscordAnswer(answered('q', [excerpt('first line\nsecond line')]));
    expect(reply?.embeds[0]?.description).toMatch(/^> first line\n> second line\n— /);
  });

  it('shows at most maxExcerpts quotes', () => {
    const quotes = ['one', 'two', 'three', 'four'].map((word) => excerpt(`Quote ${word}.`));
    const replies = renderDiscordAnswer(answered('q', quotes), { maxExcerpts: 2 });
    expect(replies.flatMap((reply) => reply.embeds)).toHaveLength(2);
  });

  it('shows the note when the question was trimmed', () => {
    const note = ANSWER_MESSAGES.trimmed(1000);
    const [reply] = renderDiscordAnswer(answered('q', [excerpt(READING_QUOTE)], { note }));
    expect(unescapeDiscord(reply?.content ?? '')).toContain(note);
  });

  it('says a question is not covered and lists what the sources cover, quoting nothing', () => {
    const replies = renderDiscordAnswer(
      notCovered("What's the weather tomorrow?", ['RAND study: reading and math', 'Teachers: concerns']),
    );
    expect(replies).toHaveLength(1);
    const content = unescapeDiscord(replies[0]?.content ?? '');
    expect(content).toContain(DISCORD_MESSAGES.notCovered);
    expect(content).toContain(
      `${DISCORD_MESSAGES.theyCover}\n• RAND study: reading and math\n• Teachers: concerns`,
    );
    expect(replies[0]?.embeds).toHaveLength(0);
  });

  it("answers unusable input with the engine's reason and how to ask", () => {
    const [reply] = renderDiscordAnswer({
      ...notCovered('the'),
      status: 'needs_question',
      message: ANSWER_MESSAGES.noSearchableWords,
    });
    expect(unescapeDiscord(reply?.content ?? '')).toBe(
      `${ANSWER_MESSAGES.noSearchableWords}\n\n${DISCORD_MESSAGES.usage}`,
    );
  });

  it('shows the usage once when the engine only says how to ask', () => {
    const [reply] = renderDiscordAnswer({
      ...notCovered(''),
      status: 'needs_question',
      message: ANSWER_MESSAGES.usage,
    });
    expect(reply?.content).toBe(DISCORD_MESSAGES.usage);
  });

  it('shows a hostile question and hostile suggestions as typed', () => {
    const asked = `**${DISCORD_MESSAGES.asked}** ${HOSTILE_TEXT}`;
    const [answer] = renderDiscordAnswer(answered(HOSTILE_TEXT, [excerpt(READING_QUOTE)]));
    expect(unescapeDiscord(answer?.content ?? '').split('\n')[0]).toBe(asked);
    const [uncovered] = renderDiscordAnswer(notCovered(HOSTILE_TEXT, [HOSTILE_TEXT]));
    const lines = unescapeDiscord(uncovered?.content ?? '').split('\n');
    expect([lines[0], lines.at(-1)]).toEqual([asked, `• ${HOSTILE_TEXT}`]);
  });

  it('splits many long quotes across messages, none over a limit', () => {
    const long = `${'A long sentence from the source. '.repeat(150)}End.`;
    const replies = renderDiscordAnswer(
      answered(
        'q',
        Array.from({ length: 10 }, () => excerpt(long)),
      ),
    );
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.flatMap((reply) => reply.embeds)).toHaveLength(10);
    for (const reply of replies) {
      const total = reply.embeds.reduce((sum, embed) => sum + (embed.description?.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    }
    expect(replies[1]?.content).toBe(DISCORD_MESSAGES.continued);
  });

  it('cuts a quote too long for one embed, ending it with "…" and keeping the citation', () => {
    const [reply] = renderDiscordAnswer(answered('q', [excerpt('word '.repeat(2000))]));
    const description = reply?.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(description).toMatch(/…\n— .*paragraph 6$/);
  });
});

describe('renderCitation', () => {
  it('links the title to the quoted passage with a text fragment', () => {
    const citation = renderCitation(excerpt(READING_QUOTE));
    expect(citation).toContain(
      '(https://www.the74million.org/article/rand-study/#:~:text=Reading%20showed%20a%20similar%20positive,but%20with%20non%E2%80%93statistically%20significant%20improvement.)',
    );
    expect(citation.startsWith('— [Personalized Learning Boosts Math Scores, New RAND Study Finds](')).toBe(
      true,
    );
  });

  it('names both paragraphs of a quote running over two', () => {
    const location = { paragraph: 6, lastParagraph: 7, start: 0, end: READING_QUOTE.length };
    expect(renderCitation(excerpt(READING_QUOTE, { location }))).toMatch(/, paragraphs 6–7$/);
  });

  it('shows the title unlinked when the source has no url, or one that is not http(s)', () => {
    for (const url of [null, 'javascript:alert(1)', 'not a url']) {
      const citation = renderCitation(excerpt(READING_QUOTE, { source: source({ url }) }));
      expect(citation).not.toContain('](');
      expect(unescapeDiscord(citation)).toBe(
        '— Personalized Learning Boosts Math Scores, New RAND Study Finds, Kevin Mahnken, The 74, 2017-07-11, paragraph 6',
      );
    }
  });

  it('names the page instead of the paragraph for a PDF', () => {
    const citation = renderCitation(
      excerpt(READING_QUOTE, { location: { paragraph: 12, start: 0, end: READING_QUOTE.length, page: 3 } }),
    );
    expect(unescapeDiscord(citation)).toMatch(/, 2017-07-11, p\. 3$/);
    expect(citation).not.toContain('paragraph');
  });

  it('leaves out what the source does not say', () => {
    const citation = renderCitation(
      excerpt(READING_QUOTE, {
        source: source({
          title: 'Untitled article, The Hechinger Report',
          untitled: true,
          author: null,
          date: null,
          url: null,
        }),
      }),
    );
    expect(unescapeDiscord(citation)).toBe('— Untitled article, The Hechinger Report, paragraph 6');
  });

  it('keeps a link with parentheses from ending early', () => {
    const citation = renderCitation(
      excerpt(READING_QUOTE, { source: source({ url: 'https://example.org/a_(b)' }) }),
    );
    expect(citation).toMatch(/\]\(https:\/\/example\.org\/a_\(b%29#:~:text=[^)\s]+\)/);
  });
});

describe('renderDiscordAnswer for an uncertain answer', () => {
  it('says the sources may not answer it directly, then quotes the closest passages in embeds', () => {
    const answer = {
      ...answered('what did RAND find for reading?', [excerpt(READING_QUOTE)]),
      answered: false,
      status: 'uncertain' as const,
      message: ANSWER_MESSAGES.uncertain,
    };
    const [reply] = renderDiscordAnswer(answer);
    expect(unescapeDiscord(reply?.content ?? '')).toContain(DISCORD_MESSAGES.uncertain);
    expect(unescapeDiscord(reply?.embeds[0]?.description ?? '').split('\n')[0]).toBe(`> ${READING_QUOTE}`);
  });
});
