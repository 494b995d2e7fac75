import type { PlatformAdapter } from './adapter.js';
import type { QuestionAnswerer } from './answer/types.js';
import type { Config } from './config/index.js';
import { createDiscordAdapter } from './discord/index.js';
import type { Logger } from './log/logger.js';
import type { RefusalLog } from './log/refusal-log.js';
import { createResearch } from './research/index.js';
import { loggedAnswerer } from './runtime/index.js';
import { createSlackAdapter } from './slack/index.js';
import { NO_RECORDER, type Recorder } from './store/recorder.js';

/**
 * The chat adapters the configuration asks for, each answering through the shared answerer,
 * with the channel source sets of the configuration, and recording into `recorder`.
 * `refusals` is where Slack's HTTP mode logs the requests it turns away (shared with the server).
 */
export function createPlatformAdapters(
  config: Config,
  answerer: QuestionAnswerer,
  logger: Logger,
  refusals?: RefusalLog,
  recorder: Recorder = NO_RECORDER,
): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  const researchFor = (platform: 'slack' | 'discord') => {
    const logged = loggedAnswerer(answerer, platform, logger);
    return { answerer: logged, research: createResearch(logged, { channelSources: config.channelSources }) };
  };
  if (config.slack) {
    adapters.push(
      createSlackAdapter(
        { ...config.slack, maxExcerpts: config.maxExcerpts },
        { ...researchFor('slack'), recorder, logger, ...(refusals ? { refusals } : {}) },
      ),
    );
  }
  if (config.discord) {
    adapters.push(
      createDiscordAdapter(
        { ...config.discord, maxExcerpts: config.maxExcerpts },
        { ...researchFor('discord'), recorder, logger },
      ),
    );
  }
  return adapters;
}
