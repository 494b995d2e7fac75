import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addSources, FETCH_DEFAULTS } from '../../src/add/index.js';
import { createEngine, type Engine } from '../../src/answer/index.js';
import { formatAnswerText } from '../../src/cli/format.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { buildPdf } from '../helpers/pdf.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

const HEADER = 'Continued Progress: Promising Evidence on Personalized Learning';
const FOOTER = 'RAND Corporation RR-1365-BMGF';
const TOPICS = ['mathematics', 'reading', 'attendance', 'teachers'];

/** Four report pages: each names its topic, breaks a word across a line end and runs its last sentence onto the next page. */
function reportPage(topic: string, at: number) {
  const first =
    at === 0
      ? ['The study followed students in forty schools over two school years.']
      : [`to the next page of the report, where the ${TOPICS[at - 1]} paragraph finally ends.`];
  return {
    lines: [
      ...first,
      '',
      `Students in personalized learning schools made gains in ${topic} that the research-`,
      `ers measured against a comparison group of similar students in other schools.`,
      '',
      `The ${topic} results were reported for each grade, and the findings were consistent`,
      `across the schools in the sample. This paragraph about ${topic} continues on`,
    ],
  };
}

const PAGE_THREE_SENTENCE =
  'Students in personalized learning schools made gains in attendance that the researchers measured against a comparison group of similar students in other schools.';

let pdfBytes: Uint8Array;

beforeAll(async () => {
  pdfBytes = await buildPdf({
    header: HEADER,
    footer: FOOTER,
    title: 'Continued Progress',
    author: 'John F. Pane',
    creationDate: new Date('2017-07-11T12:00:00Z'),
    pages: TOPICS.map(reportPage),
  });
});

afterEach(removeTempFolders);

async function addPdf(): Promise<{ dir: string; engine: Engine; body: string }> {
  const work = await tempFolder();
  const input = `${work}/continued-progress.pdf`;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(input, pdfBytes);
  const dir = `${work}/knowledge`;
  const [outcome] = await addSources([input], { dir, dryRun: false, fetch: FETCH_DEFAULTS });
  if (!outcome?.ok) throw new Error(`add failed: ${outcome?.ok === false ? outcome.error : 'no outcome'}`);
  const { documents, problems } = await loadKnowledge(dir);
  expect(problems).toEqual([]);
  return { dir, engine: createEngine(documents), body: await readFile(outcome.file, 'utf8') };
}

describe('adding a PDF', () => {
  it('answers a question about page 3 with the exact sentence, cited as p. 3', async () => {
    const { engine } = await addPdf();
    const answer = engine.answer('What gains in attendance did the researchers measure?');
    expect(answer.answered).toBe(true);
    const excerpt = answer.excerpts[0];
    expect(excerpt?.quote).toContain(PAGE_THREE_SENTENCE);
    expect(excerpt?.location.page).toBe(3);
    expect(formatAnswerText(answer)).toContain('Continued Progress, John F. Pane, 2017-07-11, p. 3');
  });

  it('joins words hyphenated at a line end and keeps each sentence whole across a page break', async () => {
    const { body } = await addPdf();
    expect(body).toContain('that the researchers measured');
    expect(body).not.toContain('research-');
    expect(body).toContain(
      'This paragraph about mathematics continues on to the next page of the report, where the mathematics paragraph finally ends.',
    );
  });

  it('never stores or quotes the running header, the footer or a page number', async () => {
    const { body, engine } = await addPdf();
    expect(body).not.toContain(HEADER);
    expect(body).not.toContain('RR-1365');
    expect(body.split('\n').filter((line) => /^\s*\d+\s*$/.test(line))).toEqual([]);
    const questions = [
      'What is the RAND Corporation report number?',
      'continued progress promising evidence on personalized learning',
      ...TOPICS.map((topic) => `What were the ${topic} results?`),
    ];
    for (const question of questions) {
      for (const excerpt of engine.answer(question).excerpts) {
        expect(excerpt.quote).not.toContain('RR-1365');
        expect(excerpt.quote).not.toContain('Promising Evidence');
        expect(excerpt.quote).not.toMatch(/^\d+$/);
      }
    }
  });

  it('takes title, author and date from the PDF and writes the page breaks as form feeds', async () => {
    const { body } = await addPdf();
    expect(body).toMatch(
      /^---\nid: continued-progress\ntitle: "Continued Progress"\nauthor: "John F. Pane"\n/,
    );
    expect(body).toContain('date: "2017-07-11"');
    expect(body).toContain('format: pdf');
    expect(body.match(/\f/g)).toHaveLength(3);
  });

  it('names the file after the input when the PDF states no title, and states no author', async () => {
    const work = await tempFolder();
    const input = `${work}/Annual Report 2019.pdf`;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      input,
      await buildPdf({ pages: [{ lines: ['The programme reached every school this year.'] }] }),
    );
    const [outcome] = await addSources([input], {
      dir: `${work}/knowledge`,
      dryRun: false,
      fetch: FETCH_DEFAULTS,
    });
    expect(outcome).toMatchObject({
      ok: true,
      id: 'annual-report-2019',
      title: null,
      author: null,
      pages: 1,
    });
  });
});
