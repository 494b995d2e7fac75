/** A positioned run of text on a PDF page, as pdf.js reports it (y grows upwards). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** One line of a page: its text, where it sits, and how wide it runs. */
export interface PdfLine {
  text: string;
  /** Baseline height on the page (larger is higher). */
  y: number;
  x: number;
  right: number;
  fontSize: number;
}

/** Items whose baselines differ by less than this share of the font size are on one line. */
const SAME_LINE = 0.4;
/** A horizontal gap wider than this share of the font size between two items is a space. */
const WORD_GAP = 0.15;

/**
 * Groups a page's items into lines, top to bottom, each read left to right, with a space where
 * two items stand apart.
 */
export function pageLines(items: readonly PdfTextItem[]): PdfLine[] {
  const sorted = items.filter((item) => item.str !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first && Math.abs(first.y - item.y) < Math.max(1, first.fontSize, item.fontSize) * SAME_LINE)
      group.push(item);
    else groups.push([item]);
  }
  const lines: PdfLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of group) {
      const gap = item.x - end;
      if (text !== '' && gap > item.fontSize * WORD_GAP && !/\s$/.test(text) && !/^\s/.test(item.str))
        text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    const clean = text.replace(/\s+/g, ' ').trim();
    const first = group[0] as PdfTextItem;
    if (clean !== '')
      lines.push({
        text: clean,
        y: first.y,
        x: first.x,
        right: end,
        fontSize: Math.max(...group.map((i) => i.fontSize)),
      });
  }
  return lines;
}
