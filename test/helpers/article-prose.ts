import {
  type BoilerplateOverride,
  markBoilerplate,
  type Paragraph,
  segmentBody,
} from '../../src/knowledge/index.js';

/** Three sentences of article prose, each long enough to count as an article paragraph alone. */
export const PROSE = [
  'Researchers at the RAND Corporation followed students in forty schools for two full school years.',
  'Students in schools that personalized their teaching gained more in mathematics than similar students elsewhere.',
  'Teachers said that building the new routines took time, and some worried about the workload it added.',
];

const NO_OVERRIDE: BoilerplateOverride = { drop: [], keep: [] };

/** A body's paragraphs, segmented and marked as article or boilerplate, as loading does. */
export function classify(body: string, override: BoilerplateOverride = NO_OVERRIDE): Paragraph[] {
  return markBoilerplate(body, segmentBody(body), override);
}
