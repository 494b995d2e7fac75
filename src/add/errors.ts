/** Why a source could not be added. Each message names the input and says what to do. */
export enum AddErrorCode {
  NotFound = 'ADD_NOT_FOUND',
  Unsupported = 'ADD_UNSUPPORTED',
  Fetch = 'ADD_FETCH_FAILED',
  NoText = 'ADD_NO_TEXT',
  Duplicate = 'ADD_DUPLICATE',
  Unreadable = 'ADD_UNREADABLE',
  /** Not fetched on purpose: a non-public address, a scheme other than http(s), credentials in the URL. */
  Refused = 'ADD_REFUSED',
  /** Over a size limit: the download's bytes or the PDF's pages. */
  TooLarge = 'ADD_TOO_LARGE',
}

export class AddError extends Error {
  readonly code: AddErrorCode;
  constructor(code: AddErrorCode, message: string) {
    super(message);
    this.name = 'AddError';
    this.code = code;
  }
}
