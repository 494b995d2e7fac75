import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quotableSentences } from '../src/answer/excerpt.js';
import { type KnowledgeDocument, loadKnowledge } from '../src/knowledge/index.js';
import type { BenchPassage } from './corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SEED_KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');

export interface SeedCorpus {
  documents: KnowledgeDocument[];
  /** The article paragraphs the engine indexes (boilerplate excluded), one passage each. */
  passages: BenchPassage[];
  /** Every paragraph's text, boilerplate included: the vocabulary source for generated corpora. */
  allParagraphTexts: string[];
}

/** The seed knowledge base, split into passages exactly as createEngine does. */
export async function loadSeedCorpus(): Promise<SeedCorpus> {
  const { documents, problems } = await loadKnowledge(SEED_KNOWLEDGE_DIR);
  if (problems.length > 0) throw new Error(`seed knowledge has problems: ${JSON.stringify(problems)}`);
  const passages: BenchPassage[] = [];
  const allParagraphTexts: string[] = [];
  documents.forEach((document, group) => {
    for (const paragraph of document.paragraphs) {
      allParagraphTexts.push(document.body.slice(paragraph.start, paragraph.end));
      if (paragraph.boilerplate !== null) continue;
      const sentences = quotableSentences(paragraph).map((sentence) =>
        document.body.slice(sentence.start, sentence.end),
      );
      if (sentences.length === 0) continue;
      passages.push({ group, sentences, text: sentences.join(' ') });
    }
  });
  return { documents, passages, allParagraphTexts };
}

/** The evaluation questions: ../shared/eval/questions.json when present, else the copy in eval/. */
export function loadEvalQuestions(): { file: string; questions: string[] } {
  const shared = path.resolve(ROOT, '..', 'shared', 'eval', 'questions.json');
  const file = existsSync(shared) ? shared : path.join(ROOT, 'eval', 'questions.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Array<{ q: string }>;
  return { file: path.relative(ROOT, file), questions: entries.map((entry) => entry.q) };
}
