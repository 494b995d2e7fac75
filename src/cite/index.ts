/** Citations in APA, MLA and Chicago, formatted by citation-js (CSL) from a source's metadata. */
export { type CslItem, splitAuthors, toCslItem } from './csl-item.js';
export {
  CITATION_STYLE_NAMES,
  CITATION_STYLES,
  type CitationStyle,
  formatCitation,
  isCitationStyle,
} from './format-citation.js';
