/** Configuration: env (and .env) read once at start-up, validated, frozen. */
export {
  type AddSettings,
  type AnswerSettings,
  CONFIG_DEFAULTS,
  type Config,
  type DiscordConfig,
  defaultIndexCacheDir,
  loadAddSettings,
  loadAnswerSettings,
  loadConfig,
  loadStoreSettings,
  parseChannelSources,
  type SlackConfig,
  type StoreSettings,
} from './config.js';
export { dotenvWarnings, type IgnoredLine, ignoredDotenvLines } from './dotenv-lines.js';
export { ConfigError, NoPlatformError } from './errors.js';
