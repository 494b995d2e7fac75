/** Every sentence the core says to a user, in one place; adapters may add their own framing. */
export const ANSWER_MESSAGES = Object.freeze({
  usage:
    'Ask a research question in plain words, e.g. "What did RAND find for reading?", "Who funded the study?" or "What challenges did teachers report?"',
  noSearchableWords:
    'That question has no words to search for (only words like "what", "the", "about"). Ask about a topic, e.g. "What did RAND find for math?"',
  notCovered: "The sources don't cover that.",
  notCoveredWithTopics: "The sources don't cover that. They cover:",
  answered: (excerpts: number, sources: number) =>
    `${excerpts} ${excerpts === 1 ? 'excerpt' : 'excerpts'} from ${sources} ${sources === 1 ? 'source' : 'sources'}, best first.`,
  trimmed: (limit: number) =>
    `Your question was longer than ${limit.toLocaleString('en-US')} characters; only its start was used.`,
});

/** Example questions for help texts, answered by the seed knowledge base. */
export const EXAMPLE_QUESTIONS: readonly string[] = Object.freeze([
  'What did RAND find for reading?',
  'Who funded the study?',
  'What challenges did teachers report?',
]);
