/** Pages in a body: a form feed (`\f`, as pdftotext and `npm run add` write them) ends a page. */
export const PAGE_BREAK_CHAR = '\f';

/** The offsets where each page of `body` starts (page 1 at 0), or null when it has no page breaks and is not paged. */
export function pageStarts(body: string, paged: boolean): number[] | null {
  if (!paged && !body.includes(PAGE_BREAK_CHAR)) return null;
  const starts = [0];
  for (let at = body.indexOf(PAGE_BREAK_CHAR); at !== -1; at = body.indexOf(PAGE_BREAK_CHAR, at + 1))
    starts.push(at + 1);
  return starts;
}

/** The 1-based page holding body offset `offset`. */
export function pageAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
