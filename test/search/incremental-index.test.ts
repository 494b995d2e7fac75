import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/answer/index.js';
import { type KnowledgeDocument, parseKnowledgeDocument } from '../../src/knowledge/index.js';
import { indexGroup } from '../../src/search/group-part.js';
import { SearchIndex } from '../../src/search/index.js';
import { answersOf, indexView, libraryFile, libraryReport } from '../helpers/library.js';

const REPORTS = 8;

function report(n: number, variant = 0): KnowledgeDocument {
  return parseKnowledgeDocument(libraryFile(n), new TextEncoder().encode(libraryReport(n, variant)));
}

/** Documents in file-name order, as the loader returns them. */
function sorted(documents: KnowledgeDocument[]): KnowledgeDocument[] {
  return documents.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function update(engine: Engine, documents: KnowledgeDocument[]): Engine {
  return createEngine(documents, {}, { index: engine.index, documents: engine.documents });
}

const change = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), variant: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
);

describe('incremental index', () => {
  it('re-indexing only the changed, added and removed documents gives the index and answers of a full build', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 5 }), (changes) => {
        let documents = sorted(Array.from({ length: REPORTS }, (_, n) => report(n)));
        let engine = createEngine(documents);
        for (const step of changes) {
          documents = [...documents];
          if (step.kind === 'edit') {
            const at = step.at % documents.length;
            const n = Number((documents[at] as KnowledgeDocument).meta.id.split('-')[1]);
            documents[at] = report(n, step.variant);
          } else if (step.kind === 'add') {
            const n = REPORTS + step.n;
            if (documents.some((document) => document.file === libraryFile(n))) continue;
            documents = sorted([...documents, report(n)]);
          } else if (documents.length > 1) {
            documents.splice(step.at % documents.length, 1);
          }
          engine = update(engine, documents);
        }
        const full = createEngine(documents);
        expect(indexView(engine.index)).toEqual(indexView(full.index));
        expect(answersOf(engine)).toEqual(answersOf(full));
      }),
      { numRuns: 20 },
    );
  });

  it('re-indexes a document that moved before another instead of reusing it out of order', () => {
    const documents = Array.from({ length: 4 }, (_, n) => report(n));
    const engine = createEngine(documents);
    const swapped = [documents[0], documents[2], documents[1], documents[3]] as KnowledgeDocument[];
    const moved = update(engine, swapped);
    expect(indexView(moved.index)).toEqual(indexView(createEngine(swapped).index));
  });

  it('refuses to reuse groups out of order or from an index with another dictionary', () => {
    const index = SearchIndex.build([
      { group: 0, sentences: ['Tutoring raised reading scores.'] },
      { group: 1, sentences: ['Attendance improved in rural districts.'] },
    ]);
    expect(() =>
      SearchIndex.assemble(index.dictionary, [{ previousGroup: 1 }, { previousGroup: 0 }], index),
    ).toThrow(/order/);
    const other = SearchIndex.build([{ group: 0, sentences: ['Another corpus.'] }]);
    expect(() => SearchIndex.assemble(other.dictionary, [{ previousGroup: 0 }], index)).toThrow(/dictionary/);
  });

  it("gives a full build's index when so many groups changed that every entry is renumbered", () => {
    const words = ['tutoring', 'reading', 'llamas', 'attendance', 'math', 'zeppelin', 'charter', 'grants'];
    const text = (group: number, edit: number) =>
      `${words[group % words.length]} ${words[(group * 3 + edit) % words.length]} rose by ${group + edit} points.`;
    const groups = 200;
    const original = SearchIndex.build(
      Array.from({ length: groups }, (_, group) => ({ group, sentences: [text(group, 0)] })),
    );
    // Every third group edited and every seventh removed: far more runs than block copying handles.
    const kept = Array.from({ length: groups }, (_, group) => group).filter((group) => group % 7 !== 3);
    const sources = kept.map((group) =>
      group % 3 === 0
        ? indexGroup(original.dictionary, [[text(group, 1), text(group, 2)]])
        : { previousGroup: group },
    );
    const updated = SearchIndex.assemble(original.dictionary, sources, original);
    const full = SearchIndex.build(
      kept.flatMap((group, at) =>
        group % 3 === 0
          ? [{ group: at, sentences: [text(group, 1), text(group, 2)] }]
          : [{ group: at, sentences: [text(group, 0)] }],
      ),
    );
    expect(indexView(updated)).toEqual(indexView(full));
  });

  it('places a re-indexed group among reused ones with every id renumbered', () => {
    const index = SearchIndex.build([
      { group: 0, sentences: ['Tutoring raised reading scores by 12 percent.'] },
      { group: 1, sentences: ['Attendance improved.', 'Math was mixed.'] },
      { group: 2, sentences: ['Llamas helped 31 readers.'] },
    ]);
    const replaced = indexGroup(index.dictionary, [['Attendance fell.'], ['Zeppelins flew.', 'Math rose.']]);
    const updated = SearchIndex.assemble(
      index.dictionary,
      [{ previousGroup: 0 }, replaced, { previousGroup: 2 }],
      index,
    );
    const full = SearchIndex.build([
      { group: 0, sentences: ['Tutoring raised reading scores by 12 percent.'] },
      { group: 1, sentences: ['Attendance fell.'] },
      { group: 1, sentences: ['Zeppelins flew.', 'Math rose.'] },
      { group: 2, sentences: ['Llamas helped 31 readers.'] },
    ]);
    expect(indexView(updated)).toEqual(indexView(full));
    expect([...(updated.postingsOf('llama')?.sentences ?? [])]).toEqual([4]);
    expect(updated.countedStems.get(4)).toEqual(new Set(['reader']));
    expect(updated.hasWord('improved')).toBe(false);
    expect(index.hasWord('improved')).toBe(true);
  });
});
