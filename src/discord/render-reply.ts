import { clip } from '../chat/clip.js';
import { type ChatReply, type CurationResult, curatedLines } from '../chat/index.js';
import { escapeDiscord } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';
import { COMPONENT_IDS, DISCORD_MESSAGES } from './messages.js';
import { type DiscordReply, renderDiscordAnswer, renderUsage } from './render.js';
import { renderDiscordSources } from './render-sources.js';

/** Discord's limits on a row of buttons, a custom_id and a button's label. */
const MAX_BUTTONS_PER_ROW = 5;
const CUSTOM_ID_LIMIT = 100;
const BUTTON_LABEL_LIMIT = 80;

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
    case 'curated':
      return [renderCurated(reply.results)];
    case 'curation_refused':
      return [
        {
          content:
            reply.reason === 'disabled' ? DISCORD_MESSAGES.curationDisabled : DISCORD_MESSAGES.notCurator,
          embeds: [],
        },
      ];
    case 'curation_usage':
      return [{ content: DISCORD_MESSAGES.curationUsage, embeds: [] }];
  }
}

/** One line per input, and a Remove button (custom id `research_remove:<id>`) per source added. */
function renderCurated(results: readonly CurationResult[]): DiscordReply {
  const lines = curatedLines(results, { escape: escapeDiscord, strong: (text) => `**${text}**` });
  const buttons = lines
    .filter((line) => line.removable)
    .slice(0, MAX_BUTTONS_PER_ROW)
    .map((line) => ({
      type: 2 as const,
      style: 4 as const,
      custom_id: clip(`${COMPONENT_IDS.remove}:${line.removable}`, CUSTOM_ID_LIMIT),
      label: clip(`${DISCORD_MESSAGES.removeButton} ${line.removable}`, BUTTON_LABEL_LIMIT),
    }));
  return {
    content: clip(lines.map((line) => line.text).join('\n'), DISCORD_LIMITS.content),
    embeds: [],
    ...(buttons.length > 0 ? { components: [{ type: 1 as const, components: buttons }] } : {}),
  };
}

/** Replies only the asker should see when asked with a slash command: help and notices. */
export function isPrivateReply(reply: ChatReply): boolean {
  return ['help', 'rate_limited', 'restarting', 'curation_refused', 'curation_usage'].includes(reply.kind);
}
