/**
 * What a question looks like once chat markup is taken out, for analysis: the words someone
 * asks about, without the mentions, tags, links and entities around them. `@everyone`,
 * `<!channel>` or `<script>` inside an otherwise answerable question would otherwise count as
 * words the sources never use and turn the answer into "not covered". The question shown back
 * to the asker is not changed; only what is searched for.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // HTML script and style elements, content and all; then any other tag (the text between stays).
  [/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' '],
  [/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ' '],
  // Slack: <!channel>, <!here|here>, <@U123>, <@U123|name>, <#C123|general>, <!subteam^S1|@team>.
  // Discord: <@123>, <@!123>, <@&123>, <#123>, <:emoji:123>, <a:emoji:123>, <t:1700000000:R>.
  [/<(?:[!@#]|a?:|t:)[^<>\s]*(?:\|[^<>]*)?>/g, ' '],
  // Slack links <https://example.com|label>: the label stays.
  [/<(?:https?|mailto):[^<>|]*\|([^<>]*)>/g, ' $1 '],
  [/<(?:https?|mailto):[^<>]*>/g, ' '],
  // Markdown links [label](url): the label stays; bare URLs go.
  [/\[([^\]]*)\]\((?:[^()\s]+)\)/g, ' $1 '],
  [/\bhttps?:\/\/\S+/gi, ' '],
  // Mentions as typed or as adapters spell them out: @everyone, @here, @channel, @U123ABC, @name.
  [/(^|[^\p{L}\p{N}_])@[\p{L}\p{N}._-]+/gu, '$1 '],
  // Emoji shortcodes :smile:, :+1:.
  [/:[a-z0-9_+-]+:/gi, ' '],
  // Entities: &amp; &lt; &gt; &quot; &#39; &nbsp; and numeric ones.
  [/&(?:amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/gi, ' '],
];

/** The question with chat markup, mentions, tags, links and entities removed, spaces tidied. */
export function cleanQuestion(question: string): string {
  let text = question;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}
