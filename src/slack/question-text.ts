/**
 * The question as plain text, from Slack's formatted message text: the bot's own mention is
 * removed, other mentions, channels and links become readable words (`@U123`, `#general`, the
 * link's label or URL), and Slack's `&amp;` `&lt;` `&gt;` are decoded. Rendering escapes again.
 */
export function plainQuestion(text: string | undefined, botUserId?: string): string {
  if (!text) return '';
  const readable = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return target.slice(1) === botUserId ? ' ' : `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
  return readable
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
