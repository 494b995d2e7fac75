import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/answer/engine.js';
import { EXAMPLE_QUESTIONS } from '../../src/answer/messages.js';
import { listSources } from '../../src/chat/sources-list.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { exportFolder, importFolder } from '../../src/knowledge-db/folder-transfer.js';
import { KnowledgeDatabase } from '../../src/knowledge-db/knowledge-db.js';
import { PostgresKnowledge } from '../../src/knowledge-db/postgres-knowledge.js';
import { type TestPostgres, testPostgres } from '../helpers/postgres.js';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

const server = await testPostgres();
const skip = typeof server === 'string';
if (skip) console.warn(`knowledge in PostgreSQL: tests skipped: ${server}`);

/** Questions on the seed articles, misspelled and unanswerable ones among them. */
const QUESTIONS = [
  ...EXAMPLE_QUESTIONS,
  'How did personalized learning schools do in math?',
  'what did the RAND reserchers find about readng?',
  'Who pays for tutoring?',
  'How many schools were in the study?',
  'When was the study published?',
  'What is the capital of Mongolia?',
  'Did students like the teachers?',
  'Qual é a capital da Mongólia e quantos habitantes ela tem?',
];

describe.skipIf(skip)('knowledge in PostgreSQL', () => {
  const pg = server as TestPostgres;
  let db: KnowledgeDatabase;
  let folder: Engine;

  beforeAll(async () => {
    db = await KnowledgeDatabase.open(pg.url);
    await importFolder(db, SEED_KNOWLEDGE_DIR);
    folder = createEngine((await loadKnowledge(SEED_KNOWLEDGE_DIR)).documents);
  });

  afterAll(async () => {
    await db?.close();
    await pg.drop();
    await removeTempFolders();
  });

  it('migrates once: opening the database again applies nothing and keeps the sources', async () => {
    const again = await KnowledgeDatabase.open(pg.url);
    expect((await again.catalogue()).length).toBe(folder.documents.length);
    await again.close();
  });

  it('exports every source byte for byte as it was imported', async () => {
    const out = await tempFolder();
    expect(await exportFolder(db, out)).toBe(folder.documents.length);
    expect((await readdir(out)).sort()).toEqual((await readdir(SEED_KNOWLEDGE_DIR)).sort());
    for (const name of await readdir(out))
      expect(await readFile(path.join(out, name))).toEqual(
        await readFile(path.join(SEED_KNOWLEDGE_DIR, name)),
      );
  });

  it('answers every question exactly as the folder engine does', async () => {
    const knowledge = new PostgresKnowledge(db);
    await knowledge.load();
    for (const question of QUESTIONS)
      expect(await knowledge.answer(question)).toEqual(folder.answer(question));
  });

  it('lists the same sources, with the same passage counts, as the folder', async () => {
    const knowledge = new PostgresKnowledge(db);
    await knowledge.load();
    expect(listSources(knowledge.documents)).toEqual(listSources(folder.documents));
  });

  it('answers within a source filter as the folder engine does', async () => {
    const knowledge = new PostgresKnowledge(db);
    await knowledge.load();
    const sources = new Set([folder.documents[1]?.meta.id as string]);
    const question = 'What did RAND find for reading?';
    expect(await knowledge.answer(question, { sources })).toEqual(folder.answer(question, { sources }));
  });
});

/** A library of these knowledge files (name → text), in PostgreSQL and in the folder engine. */
function fixtureLibrary(files: Record<string, string>) {
  const library = {} as { db: KnowledgeDatabase; folder: Engine; pg: TestPostgres };
  beforeAll(async () => {
    library.pg = (await testPostgres()) as TestPostgres;
    const dir = await tempFolder();
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    library.db = await KnowledgeDatabase.open(library.pg.url);
    await importFolder(library.db, dir);
    library.folder = createEngine((await loadKnowledge(dir)).documents);
  });
  afterAll(async () => {
    await library.db?.close();
    await library.pg?.drop();
    await removeTempFolders();
  });
  return library;
}

/** The PostgreSQL store quotes `quote` first for `question`, with the folder engine's very excerpt. */
async function expectFirstQuote(
  library: ReturnType<typeof fixtureLibrary>,
  question: string,
  quote: string,
): Promise<void> {
  const knowledge = new PostgresKnowledge(library.db);
  await knowledge.load();
  const answer = await knowledge.answer(question);
  expect(answer.excerpts[0]?.quote).toBe(quote);
  expect(answer.excerpts[0]).toEqual(library.folder.answer(question).excerpts[0]);
}

const knowledgeFile = (id: string, title: string, body: string) =>
  `---\nid: ${id}\ntitle: ${title}\npublisher: Plains Survey\n---\n${body}\n`;

describe.skipIf(skip)('a paged source in PostgreSQL', () => {
  const PAGES = [
    'The survey of coastal libraries began in March. Volunteers visited every branch on the coast.',
    'Volunteers counted 41 lighthouse reading rooms along the northern shore. Most opened before 1950.',
    'The final report recommended longer opening hours for the reading rooms. Funding came from the county.',
  ];
  const library = fixtureLibrary({
    'coastal-libraries.md': knowledgeFile('coastal-libraries', 'Coastal libraries', PAGES.join('\n\f\n')),
  });

  it('cites the page and the offsets in the whole source, as the folder engine does', async () => {
    const knowledge = new PostgresKnowledge(library.db);
    await knowledge.load();
    for (const [question, page] of [
      ['How many lighthouse reading rooms did the volunteers count?', 2],
      ['What did the final report recommend about opening hours?', 3],
    ] as const) {
      const answer = await knowledge.answer(question);
      expect(answer).toEqual(library.folder.answer(question));
      expect(answer.excerpts[0]?.location.page).toBe(page);
    }
  });

  it("upgrades a version 3 database: its paragraphs gain their sentences' offsets and answer the same", async () => {
    const client = new pg.Client({ connectionString: library.pg.url });
    await client.connect();
    await client.query(
      `ALTER TABLE knowledge_passages DROP COLUMN sentence_starts, DROP COLUMN sentence_ends;
       ALTER TABLE knowledge_sentences ADD COLUMN text TEXT NOT NULL DEFAULT '';
       DELETE FROM knowledge_migrations WHERE version = 4`,
    );
    await client.end();
    const upgraded = await KnowledgeDatabase.open(library.pg.url);
    const knowledge = new PostgresKnowledge(upgraded);
    await knowledge.load();
    const question = 'How many lighthouse reading rooms did the volunteers count?';
    expect(await knowledge.answer(question)).toEqual(library.folder.answer(question));
    await upgraded.close();
  });
});

describe.skipIf(skip)('candidates in a library where one question word is everywhere', () => {
  // 600 sentences hold "zebra" alone, more than the 400 read for one word; the one holding both
  // question words comes last in the index.
  const herd = Array.from({ length: 600 }, (_, n) => `Zebra number ${n + 1} grazed on the plain.`);
  const library = fixtureLibrary({
    'herd.md': knowledgeFile('herd', 'The herd', herd.join('\n\n')),
    'meeting.md': knowledgeFile('meeting', 'A meeting', 'The zebra met a quokka at dawn by the river.'),
  });
  const question = 'When did the zebra meet the quokka?';

  it('still reads the sentence holding both words, and quotes it first as the folder engine does', async () => {
    await expectFirstQuote(library, question, 'The zebra met a quokka at dawn by the river.');
  });
});

describe.skipIf(skip)('candidates in a library where many long sentences hold the question words', () => {
  // 300 long sentences hold both question words, more than the paragraphs an answer reads; the
  // short one holding them comes last in the index, and the first stage's length factor puts it first.
  const survey = Array.from(
    { length: 300 },
    (_, n) =>
      `On survey day ${n + 1} the zebra and the quokka were counted again by volunteers walking slowly across the wide and windy northern plain.`,
  );
  const library = fixtureLibrary({
    'a-survey.md': knowledgeFile('survey', 'The survey', survey.join('\n\n')),
    'meeting.md': knowledgeFile('meeting', 'A meeting', 'The zebra met a quokka.'),
  });
  const question = 'zebra quokka';

  it('reads the paragraph of the best-scored sentence and quotes it first, as the folder engine does', async () => {
    await expectFirstQuote(library, question, 'The zebra met a quokka.');
  });
});
