/** Configuration: env (and .env) read once at start-up, validated, frozen. */
export { CONFIG_DEFAULTS, type Config, type DiscordConfig, loadConfig, type SlackConfig } from './config.js';
export { ConfigError, NoPlatformError } from './errors.js';
