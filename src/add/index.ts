/**
 * `npm run add`: web pages (files or URLs), PDFs and text files become knowledge files, with
 * safe front matter and the body exactly as extracted.
 */
export {
  type AddedSource,
  type AddOptions,
  type AddOutcome,
  addSources,
  type FailedSource,
} from './add-sources.js';
export { type AddressKind, addressKind } from './address.js';
export {
  CHAT_FETCH_DEFAULTS,
  downloadFile,
  FETCH_DEFAULTS,
  type FetchLimits,
  type Resolve,
  type ResolvedAddress,
} from './fetch-page.js';
export { extractHtml, readabilityOnly, wholePageText } from './html/extract.js';
export { extractPdf, PdfTooLongError } from './pdf/extract.js';
export { quotableParagraphs } from './quotable.js';
