/**
 * Writes the training and held-out data for `fine_tune.py` (the sentence encoder fitted to
 * questions): every public question with its right sentences and the first stage's best ten
 * candidates, as SentencePiece ids of the shipped encoder's vocabulary, and every sentence of the
 * knowledge bases they are asked of. Public data only:
 * - the natural news questions (`../shared/eval/news/`) and those written the same way
 *   (`eval/news-written.json`) over the 91 public news pages;
 * - the seed sample and `eval/extra-questions.json` over test/fixtures/seed-knowledge;
 * - SQuAD's public half (articles 0–23): its own questions, and those written in plain words over
 *   the same articles (`eval/squad-written.json`).
 * Each question carries a fold (0 or 1: its news page's, or articles 0–11 / 12–23), so that an
 * encoder trained on one fold can be scored, and give the answer model's features, on the other.
 *
 *   npx tsx scripts/encoder/export-pairs.ts <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../../src/answer/index.js';
import { NEWS_FILES } from '../../src/cli/eval-news.js';
import { loadEngineForCli } from '../../src/cli/load-engine.js';
import { readEvalQuestions, sentenceHoldsPhrase } from '../../src/eval/evaluate.js';
import { buildNewsKnowledge } from '../../src/eval/news.js';
import { loadSquadArticles, SQUAD_PUBLIC_ARTICLES } from '../../src/eval/squad.js';
import { createSentencePiece } from '../../src/search/sentence-piece.cjs';
import { encoderFoldOf } from './folds.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(root, '..', 'shared', 'eval');
/** The first stage's best sentences the answer model orders (as `fit:answers`). */
const CANDIDATES = 10;
/** Pieces kept of a text (the encoder reads them all; longer ones only slow training). */
const MAX_PIECES = 128;

const vocabulary = JSON.parse(readFileSync(path.join(root, 'data', 'sentence-encoder', 'vocab.json'), 'utf8'));
const encodePieces = createSentencePiece(vocabulary);

/** Every sentence once: its pieces, and its text (for matching the questions' phrases). */
const sentences: number[][] = [];
const texts: string[] = [];
const sentenceIds = new Map<string, number>();
function sentenceId(text: string): number {
  let id = sentenceIds.get(text);
  if (id === undefined) {
    id = sentences.length;
    sentenceIds.set(text, id);
    sentences.push(encodePieces(text).slice(0, MAX_PIECES));
    texts.push(text);
  }
  return id;
}

interface Row {
  set: string;
  group: string;
  fold: number;
  q: number[];
  text: string;
  none: boolean;
  pos: number[];
  cands: number[];
  doc: number[];
}
const rows: Row[] = [];

/** One of an engine's sentences: its id among all the exported sentences, and its span in its document. */
interface Located {
  id: number;
  start: number;
  end: number;
}

/** An engine's sentences by document, and the exported id of each engine sentence (read once per engine). */
const located = new Map<Engine, { byDoc: Map<string, Located[]>; ids: number[] }>();
function sentencesOf(engine: Engine): { byDoc: Map<string, Located[]>; idOf: (sentence: number) => number } {
  let found = located.get(engine);
  if (!found) {
    const bodies = new Map(engine.documents.map((document) => [document.meta.id, document.body]));
    found = { byDoc: new Map(), ids: [] };
    for (let sentence = 0; sentence < engine.index.sentenceCount; sentence++) {
      const { documentId, start, end } = engine.locate(sentence);
      const id = sentenceId((bodies.get(documentId) ?? '').slice(start, end));
      found.ids.push(id);
      const list = found.byDoc.get(documentId) ?? [];
      list.push({ id, start, end });
      found.byDoc.set(documentId, list);
    }
    located.set(engine, found);
  }
  const { ids } = found;
  return { byDoc: found.byDoc, idOf: (sentence) => ids[sentence] as number };
}

/** One question's row: its pieces, and the first stage's best ten as exported sentence ids. */
function addRow(
  engine: Engine,
  question: string,
  row: Pick<Row, 'set' | 'group' | 'fold' | 'none' | 'pos' | 'doc'>,
): void {
  const { idOf } = sentencesOf(engine);
  const head = engine.analyze(question)?.scored.slice(0, CANDIDATES) ?? [];
  rows.push({
    ...row,
    q: encodePieces(question).slice(0, MAX_PIECES),
    text: question,
    cands: head.map((candidate) => idOf(candidate.hit.sentence)),
  });
}

async function addQuestions(engine: Engine, file: string, set: string): Promise<void> {
  const { byDoc } = sentencesOf(engine);
  for (const question of await readEvalQuestions(file)) {
    const group = question.page ?? path.basename(file);
    // The right sentences, in whichever article holds them; `doc` is the first such article's.
    const pos: number[] = [];
    let doc: number[] = [];
    for (const list of byDoc.values()) {
      const ids = list.map((sentence) => sentence.id);
      const own = ids.filter((id) => sentenceHoldsPhrase(texts[id] as string, question.any ?? []));
      if (own.length > 0 && !question.none) {
        pos.push(...own);
        if (doc.length === 0) doc = ids;
      }
    }
    addRow(engine, question.q, { set, group, fold: encoderFoldOf(group), none: question.none === true, pos, doc });
  }
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'pairs.json';
  // The first stage's order alone: the candidates the answer model would order.
  const options = { meaning: null, answerModel: null };
  const newsDir = path.join(root, '.cache', 'news-knowledge');
  await buildNewsKnowledge(NEWS_FILES.pages, newsDir);
  const news = await loadEngineForCli(newsDir, options);
  await addQuestions(news, NEWS_FILES.questions, 'news');
  await addQuestions(news, path.join(root, 'eval', 'news-written.json'), 'written');
  const seed = await loadEngineForCli(path.join(root, 'test', 'fixtures', 'seed-knowledge'), options);
  await addQuestions(seed, path.join(shared, 'questions.json'), 'seed');
  await addQuestions(seed, path.join(root, 'eval', 'extra-questions.json'), 'seed');

  const squad = loadSquadArticles(path.join(shared, 'squad', 'dev-v1.1.json'), SQUAD_PUBLIC_ARTICLES.first, SQUAD_PUBLIC_ARTICLES.end);
  const engine = createEngine(squad.documents, options);
  const { byDoc } = sentencesOf(engine);
  for (const question of squad.questions) {
    const article = byDoc.get(question.documentId) ?? [];
    const doc = article.map((sentence) => sentence.id);
    const pos = article
      .filter(({ start, end }) => question.answerStarts.some((at) => at >= start && at < end))
      .map((sentence) => sentence.id);
    const fold = question.article < 12 ? 0 : 1;
    addRow(engine, question.question, { set: 'squad', group: `squad-${question.article}`, fold, none: false, pos, doc });
  }
  // Questions in plain words over the same articles: the right sentences are their article's.
  const articleIds = squad.documents.map((document) => document.meta.id);
  for (const question of await readEvalQuestions(path.join(root, 'eval', 'squad-written.json'))) {
    const article = question.article ?? -1;
    const doc = (byDoc.get(articleIds[article] ?? '') ?? []).map((sentence) => sentence.id);
    const none = question.none === true;
    const pos = none ? [] : doc.filter((id) => sentenceHoldsPhrase(texts[id] as string, question.any ?? []));
    addRow(engine, question.q, { set: 'squad-written', group: `squad-${article}`, fold: article < 12 ? 0 : 1, none, pos, doc });
  }
  writeFileSync(out, JSON.stringify({ sentences, questions: rows }));
  const count = (set: string) => rows.filter((row) => row.set === set).length;
  const found = (set: string) => rows.filter((row) => row.set === set && row.pos.length > 0).length;
  process.stdout.write(
    `${sentences.length} sentences; questions: ${['news', 'written', 'seed', 'squad', 'squad-written'].map((set) => `${set} ${count(set)} (${found(set)} with a right sentence)`).join(', ')}\n`,
  );
}

await main();
