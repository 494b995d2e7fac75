import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { DocumentMeta, KnowledgeDocument } from '../../src/knowledge/types.js';

/**
 * test/fixtures/research-kb: four small sources from four publishers, dated 2016, 2018, 2019 and
 * undated, with and without author, title and URL, for filters, follow-ups, sources and citations.
 */
export const RESEARCH_KB_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'research-kb',
);

let engine: Promise<Engine> | undefined;

/** An engine over the research fixture folder, built once per test file. */
export function researchEngine(): Promise<Engine> {
  engine ??= loadKnowledge(RESEARCH_KB_DIR).then(({ documents, problems }) => {
    if (problems.length > 0) throw new Error(`research-kb has problems: ${JSON.stringify(problems)}`);
    return createEngine(documents);
  });
  return engine;
}

/** `count` generated documents (publisher, date, two passages each), for lists of any length. */
export function generatedDocuments(count: number): KnowledgeDocument[] {
  return Array.from({ length: count }, (_, at) => {
    const meta: DocumentMeta = {
      id: `generated-${String(at).padStart(4, '0')}`,
      title: `Generated study number ${at} on tutoring, with a deliberately long title to test clipping ${'x'.repeat(at % 7 === 0 ? 400 : 10)}`,
      publisher: `Publisher ${at % 40}`,
      author: null,
      date: at % 5 === 0 ? null : `20${String(10 + (at % 15)).padStart(2, '0')}-0${1 + (at % 9)}-1${at % 10}`,
      url: null,
      about: '',
    };
    const body = `First passage ${at}.\n\nSecond passage ${at}.`;
    return {
      meta,
      format: null,
      pageStarts: null,
      file: `${meta.id}.md`,
      body,
      paragraphs: [
        { number: 1, readerNumber: null, start: 0, end: 18, sentences: [], boilerplate: null },
        { number: 2, readerNumber: null, start: 20, end: body.length, sentences: [], boilerplate: null },
      ],
    };
  });
}
