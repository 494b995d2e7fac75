/** Characters Discord Markdown gives a meaning to; each is shown literally when backslash-escaped. */
const MARKDOWN = /[\\*_~`|>#[\]()\-.]/g;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Makes text from sources or users inert in Discord: Markdown characters are backslash-escaped
 * (so `**`, `> `, `[x](y)`, `# ` or `||` render as typed), and `@` and `<` are followed by a
 * zero-width space, so `@everyone`, `@here`, `<@id>` or `<#id>` can neither ping nor render as a
 * mention. (Every send also sets `allowedMentions: { parse: [] }`.)
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(MARKDOWN, (character) => `\\${character}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/</g, `<${ZERO_WIDTH_SPACE}`);
}

/** The text as a reader sees it: escapes and zero-width spaces removed (for tests and checks). */
export function unescapeDiscord(text: string): string {
  return text.replace(/\\([\\*_~`|>#[\]()\-.])/g, '$1').replaceAll(ZERO_WIDTH_SPACE, '');
}
