/**
 * Every failure the bot reports by code, in one enum: a caller branches on `code`, a person reads
 * `message`, which names the input or setting at fault and says how to fix it.
 */
export enum ErrorCode {
  /** `add`: the file or address does not exist. */
  AddNotFound = 'ADD_NOT_FOUND',
  /** `add`: not a web page, PDF, Markdown or text file. */
  AddUnsupported = 'ADD_UNSUPPORTED',
  /** `add`: the address could not be fetched. */
  AddFetchFailed = 'ADD_FETCH_FAILED',
  /** `add`: nothing quotable was found in it. */
  AddNoText = 'ADD_NO_TEXT',
  /** `add`: the source is already in the knowledge base. */
  AddDuplicate = 'ADD_DUPLICATE',
  /** `add`: the file could not be read or parsed. */
  AddUnreadable = 'ADD_UNREADABLE',
  /** `add`: not fetched on purpose: a non-public address, a scheme other than http(s), credentials in the URL. */
  AddRefused = 'ADD_REFUSED',
  /** `add`: over a size limit: the download's bytes or the PDF's pages. */
  AddTooLarge = 'ADD_TOO_LARGE',
  /** No source has the id given (removing from the chat). */
  SourceNotFound = 'SOURCE_NOT_FOUND',
  /** The knowledge folder does not exist. */
  KnowledgeFolderMissing = 'KNOWLEDGE_FOLDER_MISSING',
  /** The knowledge folder cannot be listed. */
  KnowledgeFolderUnreadable = 'KNOWLEDGE_FOLDER_UNREADABLE',
  /** The knowledge folder cannot be written (adding or removing a source). */
  KnowledgeFolderUnwritable = 'KNOWLEDGE_FOLDER_UNWRITABLE',
  /** One or more settings are invalid (see `ConfigError.problems`). */
  ConfigInvalid = 'CONFIG_INVALID',
  /** Neither Slack nor Discord is configured. */
  NoPlatform = 'NO_PLATFORM',
  SlackMissingBotToken = 'slack_missing_bot_token',
  SlackMissingSigningSecret = 'slack_missing_signing_secret',
  SlackInvalidAppToken = 'slack_invalid_app_token',
  SlackInvalidCommand = 'slack_invalid_command',
  SlackInvalidOption = 'slack_invalid_option',
  /** Slack refused the token or the connection at start-up. */
  SlackStartFailed = 'slack_start_failed',
}

/** The bot's one error type: a code from `ErrorCode` and a message that says what to fix. */
export class BotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BotError';
    this.code = code;
  }
}
