/**
 * Characters that could forge or hide output on a terminal or in a line-based log: C0 and C1
 * controls (newline, carriage return, escape sequences), Unicode line and paragraph separators,
 * and bidirectional overrides that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be found and escaped.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Backslashes and quotes, escaped too once a value is quoted, so the escaping can be read back. */
const QUOTED_SPECIALS = /["\\]/g;

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A file name (or any text from outside) as it can be printed on one line: unchanged when it
 * holds nothing unsafe; otherwise in double quotes with every unsafe character escaped
 * (`"a\nFAIL b.md"`), so a name can never start a line of its own or rewrite the screen.
 */
export function printableName(name: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(name)) return name;
  return `"${name.replace(QUOTED_SPECIALS, (char) => `\\${char}`).replace(UNSAFE, escapeChar)}"`;
}

/** Free text (a reason, a message) on one line: unsafe characters escaped, nothing quoted. */
export function printableText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}
