import { quotableSentences } from '../answer/excerpt.js';
import type { Answer, QuestionAnswerer } from '../answer/types.js';
import type { KnowledgeDocument } from '../knowledge/types.js';

/** MiniSearch BM25 over the same quotable sentences, one sentence per excerpt: the baseline. */
export async function miniSearchAnswerer(documents: readonly KnowledgeDocument[]): Promise<QuestionAnswerer> {
  const { default: MiniSearch } = await import('minisearch');
  const rows: Array<{ id: number; text: string; document: KnowledgeDocument; start: number; end: number }> =
    [];
  for (const document of documents) {
    for (const paragraph of document.paragraphs) {
      if (paragraph.boilerplate !== null) continue;
      for (const sentence of quotableSentences(paragraph)) {
        rows.push({
          id: rows.length,
          text: document.body.slice(sentence.start, sentence.end),
          document,
          start: sentence.start,
          end: sentence.end,
        });
      }
    }
  }
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  search.addAll(rows.map(({ id, text }) => ({ id, text })));
  return {
    answer(question: string): Answer {
      const hits = search.search(question).slice(0, 3);
      const excerpts = hits.map((hit) => {
        const row = rows[hit.id as number] as (typeof rows)[number];
        return {
          quote: row.text,
          cutBefore: false,
          cutAfter: false,
          source: {
            id: row.document.meta.id,
            title: row.document.meta.title ?? '',
            untitled: false,
            publisher: row.document.meta.publisher,
            author: null,
            date: null,
            url: null,
          },
          location: { paragraph: 0, start: row.start, end: row.end },
          score: hit.score,
        };
      });
      return {
        question,
        answered: excerpts.length > 0,
        status: excerpts.length > 0 ? 'answered' : 'not_covered',
        message: '',
        excerpts,
        suggestions: [],
      };
    },
  };
}
