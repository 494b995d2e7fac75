/** Configuration: env (and .env) read once at start-up, validated, frozen. */
export {
  type AnswerSettings,
  CONFIG_DEFAULTS,
  type Config,
  type DiscordConfig,
  defaultIndexCacheDir,
  loadAnswerSettings,
  loadConfig,
  loadStoreSettings,
  parseChannelSources,
  type SlackConfig,
  type StoreSettings,
} from './config.js';
export { ConfigError, NoPlatformError } from './errors.js';
