/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = Object.freeze({
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldValue: 1024,
  footerText: 2048,
  /** All titles, descriptions, fields and footers of one message's embeds together. */
  embedTotal: 6000,
});

/** Cuts text to `max` characters, ending with "…" when it was cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  // A trailing backslash would escape the ellipsis.
  while (end > 0 && text[end - 1] === '\\') end--;
  return `${text.slice(0, end)}…`;
}
