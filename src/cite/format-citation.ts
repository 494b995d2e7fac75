import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { DocumentMeta } from '../knowledge/types.js';
import { CHICAGO_STYLE } from './chicago-style.js';
import { toCslItem } from './csl-item.js';
import { MLA_STYLE } from './mla-style.js';

/** The citation styles offered for every excerpt. */
export const CITATION_STYLES = Object.freeze(['apa', 'mla', 'chicago'] as const);
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** How each style is named to people. */
export const CITATION_STYLE_NAMES: Readonly<Record<CitationStyle, string>> = Object.freeze({
  apa: 'APA (7th ed.)',
  mla: 'MLA (9th ed.)',
  chicago: 'Chicago (17th ed.)',
});

/** citation-js template names: APA 7 ships with @citation-js/plugin-csl; MLA and Chicago are ours. */
const TEMPLATES: Readonly<Record<CitationStyle, string>> = Object.freeze({
  apa: 'apa',
  mla: 'research-bot-mla',
  chicago: 'research-bot-chicago',
});

let registered = false;
function registerTemplates(): void {
  if (registered) return;
  const styles = plugins.config.get('@csl').styles;
  styles.add(TEMPLATES.mla, MLA_STYLE);
  styles.add(TEMPLATES.chicago, CHICAGO_STYLE);
  registered = true;
}

/** True for "apa", "MLA", "chicago"… */
export function isCitationStyle(value: string): value is CitationStyle {
  return (CITATION_STYLES as readonly string[]).includes(value.toLowerCase());
}

/**
 * The source's bibliography entry in `style`, as plain text, formatted by citation-js's CSL
 * processor from the source's own metadata (see `toCslItem`: nothing is invented).
 */
export function formatCitation(meta: DocumentMeta, style: CitationStyle): string {
  registerTemplates();
  const text = new Cite(toCslItem(meta)).format('bibliography', {
    format: 'text',
    template: TEMPLATES[style],
    lang: 'en-US',
  });
  return text.replace(/\s+/g, ' ').trim();
}
