/** Why the Slack adapter refused to start; each code names one thing to fix. */
export enum SlackErrorCode {
  MissingBotToken = 'slack_missing_bot_token',
  MissingSigningSecret = 'slack_missing_signing_secret',
  InvalidAppToken = 'slack_invalid_app_token',
  InvalidCommand = 'slack_invalid_command',
  InvalidOption = 'slack_invalid_option',
  StartFailed = 'slack_start_failed',
}

/** A configuration or start-up problem, with a message that says how to fix it. */
export class SlackConfigError extends Error {
  readonly code: SlackErrorCode;

  constructor(code: SlackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackConfigError';
    this.code = code;
  }
}
