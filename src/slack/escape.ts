/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so no text from a source or a
 * user can form a ping (`<!channel>`, `<!here>`, `<@U…>`) or a forged link (`<https://…|…>`).
 * Slack asks for exactly these three; other characters are shown as they are.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A user mention, only for ids that look like Slack user ids; anything else is shown escaped. */
export function userMention(userId: string): string | undefined {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : undefined;
}
