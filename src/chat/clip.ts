/**
 * Cuts text to at most `max` characters (UTF-16 units, as Slack and Discord count them), ending
 * with "…" when it was cut. Never splits a surrogate pair (an emoji stays whole), and never leaves
 * a backslash before the "…" (in Markdown it would escape it).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  while (end > 0 && text[end - 1] === '\\') end--;
  return `${text.slice(0, end)}…`;
}
