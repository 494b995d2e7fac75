/** Slack's limits for one message, and our own safety margins under them. */
export const SLACK_LIMITS = Object.freeze({
  /** Blocks per message (Slack rejects more). */
  blocksPerMessage: 50,
  /** Characters in a section's text (Slack rejects more). */
  sectionText: 3000,
  /** Characters in a context element's text. */
  contextText: 3000,
  /** Posts Slack accepts to one `response_url` (within 30 minutes). */
  responseUrlPosts: 5,
  /** Messages we post in a row for one mention or DM, so an answer cannot flood a thread. */
  postedMessages: 10,
  /** Characters in a button's value. */
  buttonValue: 2000,
  /** Characters in a button's label. */
  buttonLabel: 75,
  /** Characters in the notification `text` we send beside blocks. */
  fallbackText: 300,
  /**
   * Our budget for the text of all blocks in one message. Slack has no single documented number
   * for this (it answers `msg_blocks_too_long`), so long answers are split well before it.
   */
  messageText: 12_000,
  /** Citation parts are clipped to these so a citation always fits one context element. */
  titleChars: 300,
  publisherChars: 200,
  urlChars: 2000,
});
