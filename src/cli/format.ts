import { placeInSource } from '../answer/location.js';
import type { Answer, Excerpt, SourceRef } from '../answer/types.js';
import { CITATION_STYLE_NAMES, type CitationStyle, formatCitation } from '../cite/index.js';
import type { DocumentMeta } from '../knowledge/types.js';

/** `--cite STYLE`: each excerpt's source formatted in that style, from the document's metadata. */
export interface CiteOptions {
  cite?: CitationStyle;
  metaOf?: (id: string) => DocumentMeta | undefined;
}

function citationIn(excerpt: Excerpt, options: CiteOptions): string | undefined {
  const meta = options.cite ? options.metaOf?.(excerpt.source.id) : undefined;
  return meta && options.cite ? formatCitation(meta, options.cite) : undefined;
}

/** "Title, Publisher, Author, 2017-07-11", leaving out what is unknown. */
export function citeSource(source: SourceRef): string {
  return [source.title, source.untitled ? null : source.publisher || null, source.author, source.date]
    .filter((part): part is string => Boolean(part))
    .join(', ');
}

/** The quote as shown to people: "…" marks text cut from its sentence. */
export function displayQuote(excerpt: Excerpt): string {
  return `${excerpt.cutBefore ? '…' : ''}${excerpt.quote.replace(/\s+/g, ' ')}${excerpt.cutAfter ? '…' : ''}`;
}

function citeExcerpt(excerpt: Excerpt): string {
  const url = excerpt.source.url ? ` <${excerpt.source.url}>` : '';
  return `${citeSource(excerpt.source)}, ${placeInSource(excerpt.location)}${url}`;
}

/** A readable, multi-line answer for a terminal. */
export function formatAnswerText(answer: Answer, options: CiteOptions = {}): string {
  const lines = [`Q: ${answer.question}`];
  if (answer.note) lines.push(`(${answer.note})`);
  lines.push(answer.message);
  for (const suggestion of answer.suggestions) lines.push(`  • ${suggestion}`);
  answer.excerpts.forEach((excerpt, at) => {
    lines.push('', `${at + 1}. “${displayQuote(excerpt)}”`, `   — ${citeExcerpt(excerpt)}`);
    const citation = citationIn(excerpt, options);
    if (citation && options.cite) lines.push(`   ${CITATION_STYLE_NAMES[options.cite]}: ${citation}`);
  });
  return lines.join('\n');
}

/** The whole answer on one line, for answering many questions from stdin. */
export function formatAnswerLine(answer: Answer, options: CiteOptions = {}): string {
  const parts = answer.excerpts.map(
    (excerpt) => `“${displayQuote(excerpt)}” (${citationIn(excerpt, options) ?? citeExcerpt(excerpt)})`,
  );
  const body = parts.length > 0 ? parts.join(' | ') : [answer.message, ...answer.suggestions].join(' ');
  return `${answer.question} → ${body}`;
}

/** The JSON shape of an answer: `{question, answered, message, excerpts: [{quote, source, location, score}]}`. */
export function answerToJson(answer: Answer, options: CiteOptions = {}): object {
  return {
    question: answer.question,
    answered: answer.answered,
    status: answer.status,
    message: answer.note ? `${answer.message} ${answer.note}` : answer.message,
    ...(answer.note ? { note: answer.note } : {}),
    excerpts: answer.excerpts.map((excerpt) => ({
      quote: excerpt.quote,
      source: {
        id: excerpt.source.id,
        title: excerpt.source.title,
        publisher: excerpt.source.publisher,
        author: excerpt.source.author,
        date: excerpt.source.date,
        url: excerpt.source.url,
      },
      location: excerpt.location,
      score: excerpt.score,
      ...(options.cite
        ? { citation: { style: options.cite, text: citationIn(excerpt, options) ?? null } }
        : {}),
    })),
    ...(answer.suggestions.length > 0 ? { suggestions: answer.suggestions } : {}),
  };
}
