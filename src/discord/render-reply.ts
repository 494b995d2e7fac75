import type { ChatReply } from '../chat/index.js';
import { DISCORD_MESSAGES } from './messages.js';
import { type DiscordReply, renderDiscordAnswer, renderUsage } from './render.js';
import { renderDiscordSources } from './render-sources.js';

/** The conversation's reply as Discord messages, each within Discord's limits. */
export function renderDiscordReply(reply: ChatReply, maxExcerpts: number): DiscordReply[] {
  switch (reply.kind) {
    case 'help':
      return [renderUsage()];
    case 'sources':
      return [renderDiscordSources(reply.entries, reply.page)];
    case 'answer':
      return renderDiscordAnswer(reply.answer, { maxExcerpts, answerId: reply.answerId });
    case 'rate_limited':
      return [{ content: DISCORD_MESSAGES.rateLimited(reply.seconds), embeds: [] }];
    case 'restarting':
      return [{ content: DISCORD_MESSAGES.restarting, embeds: [] }];
    case 'apology':
      return [{ content: DISCORD_MESSAGES.apology, embeds: [] }];
  }
}

/** Replies only the asker should see when asked with a slash command: help and notices. */
export function isPrivateReply(reply: ChatReply): boolean {
  return reply.kind === 'help' || reply.kind === 'rate_limited' || reply.kind === 'restarting';
}
