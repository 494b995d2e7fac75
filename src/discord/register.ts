import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../config/index.js';
import { createLogger } from '../log/logger.js';
import { registerCommands } from './commands.js';

/** `npm run discord:register`: registers /research (in DISCORD_GUILD_ID's server, or globally). */
async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!config.discord) {
    process.stderr.write(
      'Set DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token) in .env first.\n',
    );
    return 2;
  }
  const where = await registerCommands({ ...config.discord }, createLogger(config.logLevel));
  process.stdout.write(`/research registered in ${where}.\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `could not register /research: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
