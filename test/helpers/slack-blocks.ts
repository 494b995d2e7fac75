import type { types } from '@slack/bolt';
import type { SlackMessage } from '../../src/slack/index.js';

/** Every mrkdwn/plain text in a message's blocks, in order (section texts, context elements, button labels). */
export function blockTexts(blocks: types.KnownBlock[] | unknown[]): string[] {
  const texts: string[] = [];
  for (const block of blocks as types.KnownBlock[]) {
    if (block.type === 'section' && block.text) texts.push(block.text.text);
    if (block.type === 'context') {
      for (const el of block.elements) if ('text' in el && typeof el.text === 'string') texts.push(el.text);
    }
    if (block.type === 'actions') {
      for (const el of block.elements) if (el.type === 'button') texts.push(el.text.text);
    }
  }
  return texts;
}

/** All text of all messages joined, for "contains" assertions. */
export function allText(messages: SlackMessage[] | Array<{ blocks?: unknown[]; text?: unknown }>): string {
  return messages
    .flatMap((m) => [typeof m.text === 'string' ? m.text : '', ...blockTexts((m.blocks ?? []) as unknown[])])
    .join('\n');
}

/** Undoes mrkdwn escaping. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The quotes as a reader would copy them: blockquote sections (`> …`) joined back together and
 * unescaped, one string per excerpt (a citation context ends each excerpt).
 */
export function quotesIn(messages: SlackMessage[]): string[] {
  const quotes: string[] = [];
  let current: string | undefined;
  for (const block of messages.flatMap((m) => m.blocks)) {
    if (block.type === 'section' && block.text?.text.startsWith('> ')) {
      const body = block.text.text.slice(2).replace(/\n> /g, '\n');
      current = (current ?? '') + unescapeMrkdwn(body);
    } else if (block.type === 'context' && current !== undefined) {
      quotes.push(current);
      current = undefined;
    }
  }
  return quotes;
}

/**
 * Angle-bracket tokens in mrkdwn text: Slack turns each into a ping or a link. Escaped text has
 * none, so every token found must be one the renderer made on purpose.
 */
export function slackTokens(text: string): string[] {
  return text.match(/<[^<>]*>/g) ?? [];
}
