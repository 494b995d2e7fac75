import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES, EXAMPLE_QUESTIONS } from '../../src/answer/index.js';
import { DISCORD_MESSAGES } from '../../src/discord/messages.js';
import { SLACK_MESSAGES } from '../../src/slack/messages.js';
import { seedEngine } from '../helpers/seed-engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sentence that answers each example question, as the seed article words it. */
const ANSWERED_BY: Readonly<Record<string, string>> = {
  'What did RAND find for reading?': 'Reading showed a similar positive trend',
  'Who commissioned the RAND study?': 'commissioned by the Bill and Melinda Gates Foundation',
  'What did teachers worry about?': 'Teachers worried that students who started out behind',
};

/** Questions the README suggests asking: `/research …`, `@research-bot …`, `ask -- "…"`, "DM it `…`". */
function readmeQuestions(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/`([^`\n]*\?)`|"([^"\n]*\?)"/g)].map((match) =>
    (match[1] ?? match[2] ?? '').replace(/^(\/research|@research-bot)\s+/, ''),
  );
}

describe('the example questions of the help texts', () => {
  it.each(EXAMPLE_QUESTIONS.map((question) => [question]))(
    'answers %j with its answer sentence first',
    async (question) => {
      expect(ANSWERED_BY, 'each example names the sentence that answers it').toHaveProperty([question]);
      const answer = (await seedEngine()).answer(question);
      expect(answer.answered).toBe(true);
      expect(answer.excerpts[0]?.quote).toContain(ANSWERED_BY[question]);
    },
  );

  it('are the ones the Slack help, the Discord help and the usage message suggest', () => {
    expect(SLACK_MESSAGES.examples).toBe(EXAMPLE_QUESTIONS);
    for (const question of EXAMPLE_QUESTIONS) {
      expect(DISCORD_MESSAGES.usage).toContain(question);
      expect(ANSWER_MESSAGES.usage).toContain(`"${question}"`);
    }
    expect(DISCORD_MESSAGES.questionDescription).toContain(EXAMPLE_QUESTIONS[0]);
    expect(ANSWER_MESSAGES.noSearchableWords).toContain(`"${EXAMPLE_QUESTIONS[0]}"`);
  });

  it('include every question the README suggests asking', () => {
    const suggested = readmeQuestions();
    expect(suggested.length).toBeGreaterThan(0);
    const examples = EXAMPLE_QUESTIONS.map((question) => question.toLowerCase());
    for (const question of suggested) expect(examples).toContain(question.toLowerCase());
  });
});
