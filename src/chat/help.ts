/** Words that ask for usage help instead of an answer (compared case-insensitively, trimmed). */
export const HELP_WORDS: ReadonlySet<string> = new Set(['help', '?', 'usage']);

/** True for an empty question or a request for help (`help`, `?`, `usage`). */
export function isHelpRequest(question: string): boolean {
  const normalized = question.trim().toLowerCase();
  return normalized === '' || HELP_WORDS.has(normalized);
}
