import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addSources, FETCH_DEFAULTS } from '../../src/add/index.js';
import { extractPdf } from '../../src/add/pdf/extract.js';
import type { PdfLine } from '../../src/add/pdf/lines.js';
import { bylineNames, printedDate } from '../../src/add/pdf/metadata.js';
import { formatCitation } from '../../src/cite/index.js';
import { describeOutcome, outcomeToJson } from '../../src/cli/add.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { buildPdf, type TestPage } from '../helpers/pdf.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

const DEBIAN_PDF = fileURLToPath(new URL('../fixtures/pdf/shared-mime-info-spec.pdf', import.meta.url));
const CREATED = new Date('2022-04-29T17:19:08Z');
const BODY = [
  'The survey asked four hundred teachers how they plan their lessons each week.',
  'Most of them said that they plan together with the other teachers of their grade.',
];

afterEach(removeTempFolders);

function page(...lines: TestPage['lines']): TestPage {
  return { lines };
}

const title = (text: string) => ({ text, size: 24 });

async function extract(pages: TestPage[], options: { title?: string; author?: string } = {}) {
  return extractPdf(await buildPdf({ pages, creationDate: CREATED, ...options }));
}

async function addFile(file: string) {
  const dir = path.join(await tempFolder(), 'knowledge');
  const [outcome] = await addSources([file], { dir, dryRun: false, fetch: FETCH_DEFAULTS });
  if (!outcome?.ok) throw new Error(`add failed: ${outcome?.ok === false ? outcome.error : 'no outcome'}`);
  const { documents, problems } = await loadKnowledge(dir);
  expect(problems).toEqual([]);
  return { outcome, meta: documents[0]?.meta };
}

function lines(...texts: string[]): PdfLine[] {
  return texts.map((text, at) => ({ text, y: 700 - at * 14, x: 72, right: 500, fontSize: 11 }));
}

describe('reading a PDF’s title, author and date from its pages', () => {
  it('reads the title from the first page’s largest type when the file’s properties have none', async () => {
    const pdf = await extract([page(title('Lesson Planning in Rural Schools'), '', ...BODY)]);
    expect(pdf.title).toBe('Lesson Planning in Rural Schools');
  });

  it('joins a title that wraps over two lines of the same type', async () => {
    const pdf = await extract([
      page(title('Lesson Planning in Rural'), title('and Urban Schools'), '', ...BODY),
    ]);
    expect(pdf.title).toBe('Lesson Planning in Rural and Urban Schools');
  });

  it('reads the printed title when the file’s title names the program, not the document', async () => {
    const pdf = await extract([page(title('Lesson Planning'), '', ...BODY)], {
      title: 'Microsoft Word - draft3.docx',
    });
    expect(pdf.title).toBe('Lesson Planning');
  });

  it('keeps a sensible title from the file’s properties', async () => {
    const pdf = await extract([page(title('Chapter One'), '', ...BODY)], {
      title: 'Lesson Planning: A Survey',
    });
    expect(pdf.title).toBe('Lesson Planning: A Survey');
  });

  it('leaves the title empty when nothing on the first page stands out from the body text', async () => {
    const pdf = await extract([page(...BODY)]);
    expect(pdf.title).toBeNull();
  });

  it('reads the author from a “By …” line under the title', async () => {
    const pdf = await extract([page(title('Lesson Planning'), 'By Ann Smith', '', ...BODY)]);
    expect(pdf.author).toBe('Ann Smith');
  });

  it('reads several authors from a line of names under the title', async () => {
    const pdf = await extract([
      page(title('Lesson Planning'), 'Ann Smith, John F. Pane and Mary O’Brien', '', ...BODY),
    ]);
    expect(pdf.author).toBe('Ann Smith, John F. Pane and Mary O’Brien');
  });

  it('reads authors printed one a line under the title, setting their e-mail addresses aside', async () => {
    const pdf = await extract([
      page(
        title('Libtasn1'),
        'for version 4.19.0, 18 August 2022',
        'Fabio Fiorina',
        'Simon Josefsson (help@gnu.org)',
        '',
        ...BODY,
      ),
    ]);
    expect(pdf.author).toBe('Fabio Fiorina and Simon Josefsson');
    expect(pdf.date).toBe('2022-08-18');
  });

  it('leaves the author empty when no byline is printed', async () => {
    const pdf = await extract([page(title('Lesson Planning'), 'Executive Summary', '', ...BODY)]);
    expect(pdf.author).toBeNull();
  });

  it('keeps the author from the file’s properties over a printed byline', async () => {
    const pdf = await extract([page(title('Lesson Planning'), 'By Ann Smith', '', ...BODY)], {
      author: 'A. Smith',
    });
    expect(pdf.author).toBe('A. Smith');
  });

  it('reads the date the document prints (“last updated 2 October 2018”) before the file’s creation date', async () => {
    const pdf = await extract([
      page(
        title('Lesson Planning'),
        '',
        'This is version 0.21 of the survey report, last updated 2 October 2018.',
        ...BODY,
      ),
    ]);
    expect(pdf.date).toBe('2018-10-02');
    expect(pdf.dateSource).toBe('document');
  });

  it('reads a date set alone on the title page', async () => {
    const pdf = await extract([page(title('Lesson Planning'), 'Version 0.21, October 2, 2018', '', ...BODY)]);
    expect(pdf.date).toBe('2018-10-02');
  });

  it('falls back to the file’s creation date, labelled as such, when the document prints no date', async () => {
    const pdf = await extract([page(title('Lesson Planning'), '', ...BODY)]);
    expect(pdf.date).toBe('2022-04-29');
    expect(pdf.dateSource).toBe('file');
  });

  it('says in add’s report that the date is the file’s creation date', async () => {
    const file = path.join(await tempFolder(), 'survey.pdf');
    await writeFile(
      file,
      await buildPdf({ pages: [page(title('Lesson Planning'), '', ...BODY)], creationDate: CREATED }),
    );
    const { outcome } = await addFile(file);
    expect(describeOutcome(outcome, false)).toContain(
      "“Lesson Planning”, date 2022-04-29 (the file's creation date; the document prints none)",
    );
    expect(outcomeToJson(outcome)).toMatchObject({ date: '2022-04-29', dateSource: 'file' });
  });
});

describe('what counts as a byline or a printed date', () => {
  it('takes people’s names and nothing else', () => {
    expect(bylineNames('By Ann Smith and Bob Jones')).toBe('Ann Smith and Bob Jones');
    expect(bylineNames('Thomas Leonard')).toBe('Thomas Leonard');
    expect(bylineNames('Ludwig van Beethoven')).toBe('Ludwig van Beethoven');
    expect(bylineNames('X Desktop Group (http://www.freedesktop.org)')).toBeNull();
    expect(bylineNames('Research Group')).toBeNull();
    expect(bylineNames('Ann Smith1')).toBeNull();
    expect(bylineNames('1. Introduction')).toBeNull();
    expect(bylineNames('Smith')).toBeNull();
  });

  it('reads dates whose day and month are plain, and never a numeric one that could be either', () => {
    expect(printedDate([lines('Published: 5 March 2021')])).toBe('2021-03-05');
    expect(printedDate([lines('Dated 2018-10-02')])).toBe('2018-10-02');
    expect(printedDate([lines('Last updated 02/10/2018')])).toBeNull();
    expect(printedDate([lines('Updated 31 February 2018')])).toBeNull();
    expect(
      printedDate([lines('On 2 October 2018 the council met and voted on the new school budget.')]),
    ).toBeNull();
  });
});

describe('the shared-mime-info specification from Debian', () => {
  it('is added with its printed title, author and date, and its APA citation names them', async () => {
    const { outcome, meta } = await addFile(DEBIAN_PDF);
    expect(outcome).toMatchObject({
      title: 'Shared MIME-info Database',
      author: 'Thomas Leonard',
      date: '2018-10-02',
      dateSource: 'document',
    });
    if (!meta) throw new Error('no document');
    const apa = formatCitation(meta, 'apa');
    expect(apa).toContain('Leonard, T.');
    expect(apa).toContain('(2018, October 2)');
    expect(apa).toContain('Shared MIME-info Database');
  }, 20_000);
});
