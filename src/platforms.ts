import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformAdapter } from './adapter.js';
import { CHAT_FETCH_DEFAULTS } from './add/fetch-page.js';
import { KnowledgeLibrary, type LibraryStore } from './add/library.js';
import type { QuestionAnswerer } from './answer/types.js';
import type { Config } from './config/index.js';
import { createDiscordAdapter } from './discord/index.js';
import type { Logger } from './log/logger.js';
import type { RefusalLog } from './log/refusal-log.js';
import { createSlackAdapter } from './slack/index.js';
import { NO_RECORDER, type Recorder } from './store/recorder.js';

/** The adapters to start, and Slack's HTTP request listener when Slack runs in HTTP mode. */
export interface Platforms {
  adapters: PlatformAdapter[];
  /** Mounted at `/slack/events` on the shared HTTP server; absent unless Slack is in HTTP mode. */
  slackEvents?: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The chat adapters the configuration asks for, each answering through the shared answerer,
 * with the channel source sets of the configuration, and recording into `recorder`.
 * `refusals` is where Slack's HTTP mode logs the requests it turns away (shared with the server).
 */
export function createPlatforms(
  config: Config,
  answerer: QuestionAnswerer,
  logger: Logger,
  refusals?: RefusalLog,
  recorder: Recorder = NO_RECORDER,
  /** Where curators' adds and removals go when the knowledge is not the folder (PostgreSQL). */
  libraryStore?: LibraryStore,
): Platforms {
  const platforms: Platforms = { adapters: [] };
  const research = { channelSources: config.channelSources };
  const curation = {
    curators: new Set(config.add.curators),
    library: new KnowledgeLibrary(
      config.knowledgeDir,
      { ...CHAT_FETCH_DEFAULTS, maxBytes: config.add.maxBytes, allowedHosts: config.add.allowedHosts },
      () => answerer.documents ?? [],
      libraryStore,
    ),
  };
  if (config.slack) {
    const slack = createSlackAdapter(
      { ...config.slack, maxExcerpts: config.maxExcerpts },
      { answerer, research, curation, recorder, logger, ...(refusals ? { refusals } : {}) },
    );
    platforms.adapters.push(slack);
    if (slack.httpHandler) platforms.slackEvents = slack.httpHandler;
  }
  if (config.discord) {
    platforms.adapters.push(
      createDiscordAdapter(
        { ...config.discord, maxExcerpts: config.maxExcerpts },
        { answerer, research, curation, recorder, logger },
      ),
    );
  }
  return platforms;
}
