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
export { FETCH_DEFAULTS, type FetchLimits } from './fetch-page.js';
export { extractHtml, readabilityOnly, wholePageText } from './html/extract.js';
export { extractPdf } from './pdf/extract.js';
export { quotableParagraphs } from './quotable.js';
