import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { Answer, Excerpt } from '../answer/index.js';
import { ANSWER_MESSAGES, linkToPassage, placeInSource } from '../answer/index.js';
import { clip } from '../chat/clip.js';
import { escapeDiscord } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';
import { COMPONENT_IDS, DISCORD_MESSAGES } from './messages.js';

/** One message to send: text content, embeds and (optionally) components, within Discord's limits. */
export interface DiscordReply {
  content: string;
  embeds: APIEmbed[];
  /** At most two rows: the cite menu for this message's excerpts, and the vote buttons on the last. */
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
}

/** Discord's limits on a select menu option's label and value, and on a custom_id. */
const OPTION_TEXT = 100;

/** Embed colour for quotes (a calm blue). */
const QUOTE_COLOR = 0x3b82f6;
const MAX_LINK_LENGTH = 1500;

/** Citation fields and suggested topics stay on one line (a newline would also break a title's link). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The citation line under a quote: linked title, author, publisher, date, paragraph (or page of a PDF). */
export function renderCitation(excerpt: Excerpt): string {
  const { source } = excerpt;
  const title = escapeDiscord(clip(oneLine(source.title), DISCORD_LIMITS.embedTitle));
  const link = source.url ? linkToPassage(source.url, excerpt.quote) : undefined;
  const linked = link && link.length <= MAX_LINK_LENGTH ? `[${title}](${link.replace(/\)/g, '%29')})` : title;
  const parts = [linked];
  for (const part of [source.author, source.untitled ? null : source.publisher || null, source.date]) {
    if (part?.trim()) parts.push(escapeDiscord(clip(oneLine(part), 200)));
  }
  parts.push(placeInSource(excerpt.location));
  return `— ${parts.join(', ')}`;
}

/**
 * A quote as a Markdown block quote, "…" where its paragraph was cut. The words are the source's
 * own, only escaped; each line of a multi-line quote gets its own `> ` so the block holds.
 */
function renderQuote(excerpt: Excerpt): string {
  const text = `${excerpt.cutBefore ? '…' : ''}${excerpt.quote.trim()}${excerpt.cutAfter ? '…' : ''}`;
  return text
    .split(/\r?\n/)
    .map((line) => `> ${escapeDiscord(line)}`)
    .join('\n');
}

function excerptEmbed(excerpt: Excerpt): APIEmbed {
  const citation = renderCitation(excerpt);
  const budget = DISCORD_LIMITS.embedDescription - citation.length - 2;
  return { color: QUOTE_COLOR, description: `${clip(renderQuote(excerpt), budget)}\n${citation}` };
}

function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

/** Usage help, as one message. */
export function renderUsage(): DiscordReply {
  return { content: DISCORD_MESSAGES.usage, embeds: [] };
}

/**
 * Renders an Answer as one or more messages: the question restated, then one embed per
 * excerpt (quote and citation). Messages are split so none breaks a limit: content ≤ 2000,
 * ≤ 10 embeds and ≤ 6000 embed characters per message, description ≤ 4096.
 */
export function renderDiscordAnswer(
  answer: Answer,
  options: { maxExcerpts?: number; answerId?: string | undefined } = {},
): DiscordReply[] {
  if (answer.status === 'needs_question') {
    // The engine says what was wrong with the input (e.g. only stop words); then how to ask.
    const specific = answer.message && answer.message !== ANSWER_MESSAGES.usage;
    const said = specific ? `${escapeDiscord(answer.message)}\n\n` : '';
    return [{ content: clip(`${said}${DISCORD_MESSAGES.usage}`, DISCORD_LIMITS.content), embeds: [] }];
  }
  const header = [`**${DISCORD_MESSAGES.asked}** ${escapeDiscord(answer.question.replace(/\s+/g, ' '))}`];
  if (answer.note) header.push(`*${escapeDiscord(answer.note)}*`);
  if (answer.status === 'uncertain') header.push(`*${DISCORD_MESSAGES.uncertain}*`);
  else if (!answer.answered) {
    header.push(DISCORD_MESSAGES.notCovered);
    if (answer.suggestions.length > 0) {
      header.push(
        DISCORD_MESSAGES.theyCover,
        ...answer.suggestions.map((topic) => `• ${escapeDiscord(oneLine(topic))}`),
      );
    }
    return [{ content: clip(header.join('\n'), DISCORD_LIMITS.content), embeds: [] }];
  }
  const excerpts = answer.excerpts.slice(0, options.maxExcerpts ?? answer.excerpts.length);
  const replies: DiscordReply[] = [{ content: clip(header.join('\n'), DISCORD_LIMITS.content), embeds: [] }];
  const excerptsOf = new Map<DiscordReply, number[]>();
  excerpts.forEach((excerpt, at) => {
    const embed = excerptEmbed(excerpt);
    let current = replies[replies.length - 1] as DiscordReply;
    const used = current.embeds.reduce((total, e) => total + embedLength(e), 0);
    if (
      current.embeds.length >= DISCORD_LIMITS.embedsPerMessage ||
      used + embedLength(embed) > DISCORD_LIMITS.embedTotal
    ) {
      current = { content: DISCORD_MESSAGES.continued, embeds: [] };
      replies.push(current);
    }
    current.embeds.push(embed);
    excerptsOf.set(current, [...(excerptsOf.get(current) ?? []), at]);
  });
  for (const reply of replies) {
    const menu = citeMenu(excerpts, excerptsOf.get(reply) ?? []);
    if (menu) reply.components = [menu];
  }
  const last = replies.at(-1);
  if (last && options.answerId) last.components = [...(last.components ?? []), voteButtons(options.answerId)];
  return replies;
}

/**
 * "Cite an excerpt…": one option per excerpt of the message (value: source id and position, so
 * two excerpts of one source stay distinct); choosing one answers privately with its citation in
 * APA, MLA and Chicago. Undefined when no excerpt's source id fits an option value.
 */
function citeMenu(
  excerpts: readonly Excerpt[],
  positions: readonly number[],
): APIActionRowComponent<APIComponentInMessageActionRow> | undefined {
  const options = positions.flatMap((at) => {
    const excerpt = excerpts[at] as Excerpt;
    const value = `${excerpt.source.id}#${at + 1}`;
    if (value.length > OPTION_TEXT) return [];
    const title = plainLabel(oneLine(excerpt.source.title));
    const label = clip(DISCORD_MESSAGES.citeOption(at + 1, title), OPTION_TEXT);
    return [{ label, value, description: DISCORD_MESSAGES.citeOptionDescription }];
  });
  if (options.length === 0) return undefined;
  return {
    type: 1,
    components: [
      { type: 3, custom_id: COMPONENT_IDS.cite, placeholder: DISCORD_MESSAGES.citePlaceholder, options },
    ],
  };
}

/**
 * Menu labels are plain text (no Markdown, no mentions), but a client could still show `<@…>`
 * or `@everyone` looking like a ping: those characters get look-alikes.
 */
function plainLabel(text: string): string {
  return text.replace(/[<>@]/g, (character) => ({ '<': '‹', '>': '›', '@': '＠' })[character] ?? character);
}

function voteButtons(answerId: string): APIActionRowComponent<APIComponentInMessageActionRow> {
  const button = (vote: 'up' | 'down', emoji: string, label: string) => ({
    type: 2 as const,
    style: 2 as const,
    custom_id: `${COMPONENT_IDS.vote}:${vote}:${answerId}`,
    emoji: { name: emoji },
    label,
  });
  return {
    type: 1,
    components: [
      button('up', '👍', DISCORD_MESSAGES.voteUp),
      button('down', '👎', DISCORD_MESSAGES.voteDown),
    ],
  };
}

/** The source id a cite option's value names (`source-id#position`). */
export function citedSourceId(value: string): string {
  return value.replace(/#\d+$/, '');
}
