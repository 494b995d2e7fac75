import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A line set in its own type size, e.g. a title. */
export interface TestLine {
  text: string;
  size: number;
}

/**
 * One page of a test PDF: lines top to bottom, in the body's 11 pt unless given a size; an empty
 * string leaves a paragraph gap.
 */
export interface TestPage {
  lines: Array<string | TestLine>;
}

export interface TestPdfOptions {
  pages: TestPage[];
  /** Printed at the top of every page. */
  header?: string;
  /** Printed at the bottom of every page, left of the page number. */
  footer?: string;
  /** Print "n" at the bottom centre of every page. Default true. */
  pageNumbers?: boolean;
  title?: string;
  author?: string;
  creationDate?: Date;
}

const FONT_SIZE = 11;
const LEADING = 14;

/** Builds a real PDF (pdf-lib, Helvetica) laid out as a report: header, body lines, footer, page number. */
export async function buildPdf(options: TestPdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (options.title) pdf.setTitle(options.title);
  if (options.author) pdf.setAuthor(options.author);
  if (options.creationDate) pdf.setCreationDate(options.creationDate);
  options.pages.forEach((page, index) => {
    const sheet = pdf.addPage([612, 792]);
    if (options.header) sheet.drawText(options.header, { x: 72, y: 750, size: 9, font });
    let y = 700;
    for (const line of page.lines) {
      if (line === '') {
        y -= LEADING;
        continue;
      }
      const { text, size } = typeof line === 'string' ? { text: line, size: FONT_SIZE } : line;
      if (size > FONT_SIZE) y -= size - FONT_SIZE;
      sheet.drawText(text, { x: 72, y, size, font });
      y -= Math.max(LEADING, size * 1.25);
    }
    if (options.footer) sheet.drawText(options.footer, { x: 72, y: 40, size: 9, font });
    if (options.pageNumbers !== false) sheet.drawText(String(index + 1), { x: 300, y: 40, size: 9, font });
  });
  return pdf.save();
}
