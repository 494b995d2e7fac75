import type { PlatformAdapter } from './adapter.js';
import type { QuestionAnswerer } from './answer/types.js';
import type { Config } from './config/index.js';
import { createDiscordAdapter } from './discord/index.js';
import type { Logger } from './log/logger.js';
import type { RefusalLog } from './log/refusal-log.js';
import { loggedAnswerer } from './runtime/index.js';
import { createSlackAdapter } from './slack/index.js';

/**
 * The chat adapters the configuration asks for, each answering through the shared answerer.
 * `refusals` is where Slack's HTTP mode logs the requests it turns away (shared with the server).
 */
export function createPlatformAdapters(
  config: Config,
  answerer: QuestionAnswerer,
  logger: Logger,
  refusals?: RefusalLog,
): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (config.slack) {
    adapters.push(
      createSlackAdapter(
        { ...config.slack, maxExcerpts: config.maxExcerpts },
        { answerer: loggedAnswerer(answerer, 'slack', logger), logger, ...(refusals ? { refusals } : {}) },
      ),
    );
  }
  if (config.discord) {
    adapters.push(
      createDiscordAdapter(
        { ...config.discord, maxExcerpts: config.maxExcerpts },
        { answerer: loggedAnswerer(answerer, 'discord', logger), logger },
      ),
    );
  }
  return adapters;
}
