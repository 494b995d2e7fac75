import { BotError, ErrorCode } from '../errors.js';

/** Why the configuration cannot be used: every problem, each with how to fix it. */
export class ConfigError extends BotError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      ErrorCode.ConfigInvalid,
      `The configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee .env.example for every variable and its default.`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Neither Slack nor Discord is configured: the bot would have nowhere to answer. */
export class NoPlatformError extends BotError {
  constructor() {
    super(
      ErrorCode.NoPlatform,
      [
        'No chat platform is configured, so there is nothing to start.',
        '  - For Slack, set SLACK_BOT_TOKEN (xoxb-…, Slack app → OAuth & Permissions) and either',
        '    SLACK_APP_TOKEN (xapp-…, Basic Information → App-Level Tokens; Socket Mode, no public URL)',
        '    or SLACK_SIGNING_SECRET (Basic Information → App Credentials; HTTP mode on PORT).',
        '  - For Discord, set DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).',
        'Put them in .env (see .env.example). To try the bot without either, ask on the command line:',
        '  npm run ask -- "what did RAND find for reading?"',
      ].join('\n'),
    );
    this.name = 'NoPlatformError';
  }
}
