/**
 * The Slack adapter: a Bolt app that answers the slash command, @mentions and DMs with verbatim
 * quotes and citations, rendered as Block Kit within Slack's limits.
 */
export { createSlackAdapter, type SlackAdapter, type SlackDeps } from './adapter.js';
export type { SlackMessage } from './blocks.js';
export { escapeMrkdwn } from './escape.js';
export { SLACK_LIMITS } from './limits.js';
export { SLACK_MESSAGES } from './messages.js';
export { resolveSlackOptions, SLACK_DEFAULTS, type SlackOptions, type SlackVisibility } from './options.js';
export { SLACK_EVENTS_PATH } from './receiver.js';
export { type RenderAnswerOptions, renderSlackAnswer } from './render-answer.js';
export { renderUsage } from './render-usage.js';
