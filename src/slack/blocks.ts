import type { types } from '@slack/bolt';

/** One Slack message as we send it: blocks plus the plain notification text. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** A mrkdwn section. `verbatim` stops Slack from turning plain names or URLs into links or pings. */
export function mrkdwnSection(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

/** A one-element mrkdwn context block (small grey text). */
export function mrkdwnContext(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] };
}

/** Characters of text a block carries, for the per-message text budget. */
export function blockTextLength(block: types.KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context') {
    return block.elements.reduce(
      (sum, el) => sum + ('text' in el && typeof el.text === 'string' ? el.text.length : 0),
      0,
    );
  }
  if (block.type === 'actions') return 200 * block.elements.length;
  return 0;
}
