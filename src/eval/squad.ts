import { readFileSync } from 'node:fs';
import { parseKnowledgeDocument } from '../knowledge/load.js';
import type { KnowledgeDocument } from '../knowledge/types.js';

/**
 * SQuAD v1.1 as a knowledge base (ReQA-style): each Wikipedia article one knowledge document
 * (title, publisher "Wikipedia", paragraphs separated by blank lines), each question asked
 * against all of them at once. A quote answers a question when it covers the start of a gold
 * answer span in the question's own article.
 */

interface SquadFile {
  data: Array<{
    title: string;
    paragraphs: Array<{
      context: string;
      qas: Array<{ id: string; question: string; answers: Array<{ answer_start: number; text: string }> }>;
    }>;
  }>;
}

export interface SquadQuestion {
  id: string;
  question: string;
  /** Index of the article (in the file) the question is about. */
  article: number;
  /** Knowledge id of that article's document. */
  documentId: string;
  /** Gold answer starts, as offsets into the document body. */
  answerStarts: number[];
}

export interface SquadSet {
  documents: KnowledgeDocument[];
  /** The documents as knowledge files (for loading them into PostgreSQL). */
  files: Array<{ file: string; bytes: Uint8Array }>;
  questions: SquadQuestion[];
}

/** The public half: articles 0–23. Articles 24–47 are held back and must not be read. */
export const SQUAD_PUBLIC_ARTICLES = Object.freeze({ first: 0, end: 24 });

const cache = new Map<string, SquadFile>();

function readSquad(file: string): SquadFile {
  let parsed = cache.get(file);
  if (!parsed) {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as SquadFile;
    cache.set(file, parsed);
  }
  return parsed;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Articles [first, end) of a SQuAD file as knowledge documents, with their questions. */
export function loadSquadArticles(file: string, first: number, end: number): SquadSet {
  if (end > SQUAD_PUBLIC_ARTICLES.end) throw new Error('articles 24-47 are held back');
  const squad = readSquad(file);
  const documents: KnowledgeDocument[] = [];
  const files: SquadSet['files'] = [];
  const questions: SquadQuestion[] = [];
  for (let article = first; article < end; article++) {
    const entry = squad.data[article];
    if (!entry) break;
    const id = `squad-${article}-${slug(entry.title)}`;
    const title = entry.title.replace(/_/g, ' ');
    const contexts = entry.paragraphs.map((paragraph) => paragraph.context.replace(/\s*\n\s*/g, ' '));
    const text = `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\npublisher: Wikipedia\n---\n${contexts.join('\n\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const document = parseKnowledgeDocument(`${id}.md`, bytes);
    documents.push(document);
    files.push({ file: `${id}.md`, bytes });
    let from = 0;
    entry.paragraphs.forEach((paragraph, p) => {
      const context = contexts[p] as string;
      const at = document.body.indexOf(context, from);
      if (at < 0) throw new Error(`paragraph ${p} of ${id} not found in its body`);
      from = at + context.length;
      for (const qa of paragraph.qas) {
        questions.push({
          id: qa.id,
          question: qa.question,
          article,
          documentId: id,
          answerStarts: [...new Set(qa.answers.map((answer) => at + answer.answer_start))],
        });
      }
    });
  }
  return { documents, files, questions };
}

/** A deterministic sample of `size` items (mulberry32 shuffle), or all of them. */
export function sample<T>(items: readonly T[], size: number | undefined, seed = 1): T[] {
  const copy = [...items];
  if (size === undefined || size >= copy.length) return copy;
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, size);
}
