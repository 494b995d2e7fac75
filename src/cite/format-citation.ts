import { createRequire } from 'node:module';
import type * as CitationCore from '@citation-js/core';
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

/**
 * citation-js and its CSL plugin, loaded on the first citation (about 100 ms of start-up that a
 * plain answer never needs), with our MLA and Chicago templates registered.
 */
let citationJs: typeof CitationCore | undefined;
function loadCitationJs(): typeof CitationCore {
  if (citationJs) return citationJs;
  const require = createRequire(import.meta.url);
  const core = require('@citation-js/core') as typeof CitationCore;
  require('@citation-js/plugin-csl');
  const styles = core.plugins.config.get('@csl').styles;
  styles.add(TEMPLATES.mla, MLA_STYLE);
  styles.add(TEMPLATES.chicago, CHICAGO_STYLE);
  citationJs = core;
  return core;
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
  const { Cite } = loadCitationJs();
  const text = new Cite(toCslItem(meta)).format('bibliography', {
    format: 'text',
    template: TEMPLATES[style],
    lang: 'en-US',
  });
  return text.replace(/\s+/g, ' ').trim();
}
