/**
 * Example questions for help texts (Slack, Discord, the core's usage message, the README). Each
 * has one clear answer sentence in the seed articles, in the question's own words, and
 * test/answer/example-questions.test.ts checks that the first quote is that sentence.
 */
export const EXAMPLE_QUESTIONS: readonly string[] = Object.freeze([
  'What did RAND find for reading?',
  'Who commissioned the RAND study?',
  'What did teachers worry about?',
]);

/** `"a", "b" or "c"`: questions quoted and listed the way a sentence lists them. */
function listQuoted(questions: readonly string[]): string {
  const quoted = questions.map((question) => `"${question}"`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** "English", "English and German", "English, German and Japanese". */
function listNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Every sentence the core says to a user, in one place; adapters may add their own framing. */
export const ANSWER_MESSAGES = Object.freeze({
  unavailable: 'The knowledge base is unreachable right now. Please try again in a minute.',
  usage: `Ask a research question in plain words, e.g. ${listQuoted(EXAMPLE_QUESTIONS)}`,
  noSearchableWords: `That question has no words to search for (only words like "what", "the", "about"). Ask about a topic, e.g. ${listQuoted(EXAMPLE_QUESTIONS.slice(0, 1))}`,
  notCovered: "The sources don't cover that.",
  notCoveredWithTopics: "The sources don't cover that. They cover:",
  uncertain: 'The sources may not answer this directly. The closest passages:',
  /** Under "not covered" when the question is in a language none of the sources is in. */
  otherLanguage: (question: string, sources: readonly string[]) =>
    `Your question seems to be in ${question}, and the sources are in ${listNames(sources)}: they are searched in their own words, so ask in ${sources.length === 1 ? sources[0] : 'their language'}.`,
  answered: (excerpts: number, sources: number) =>
    `${excerpts} ${excerpts === 1 ? 'excerpt' : 'excerpts'} from ${sources} ${sources === 1 ? 'source' : 'sources'}, best first.`,
  trimmed: (limit: number) =>
    `Your question was longer than ${limit.toLocaleString('en-US')} characters; only its start was used.`,
});
