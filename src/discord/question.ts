/** True when the message's text mentions the bot user itself (not @everyone, a role, or only a reply). */
export function mentionsBot(content: string, botId: string): boolean {
  return content.includes(`<@${botId}>`) || content.includes(`<@!${botId}>`);
}

/** The question around the bot's mention(s), spaces tidied. */
export function questionFromMessage(content: string, botId: string): string {
  return content.replaceAll(`<@${botId}>`, ' ').replaceAll(`<@!${botId}>`, ' ').replace(/\s+/g, ' ').trim();
}
