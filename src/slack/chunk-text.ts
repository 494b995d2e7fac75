/**
 * Splits `text` into consecutive pieces whose total `cost` is at most `budget` each, preferring
 * to cut after whitespace. Lossless: `pieces.join('') === text`. Never splits a code point.
 * `cost` gives each character's rendered length (e.g. 5 for `&`, which becomes `&amp;`).
 */
export function chunkText(text: string, budget: number, cost: (ch: string) => number): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentCost = 0;
  // Index in `current` just after the last whitespace, and the cost up to there.
  let breakAt = -1;
  let breakCost = 0;
  for (const ch of text) {
    const c = cost(ch);
    while (currentCost + c > budget && current.length > 0) {
      if (breakAt > 0 && breakAt < current.length) {
        pieces.push(current.slice(0, breakAt));
        current = current.slice(breakAt);
        currentCost -= breakCost;
      } else {
        pieces.push(current);
        current = '';
        currentCost = 0;
      }
      breakAt = -1;
      breakCost = 0;
    }
    current += ch;
    currentCost += c;
    if (/\s/.test(ch)) {
      breakAt = current.length;
      breakCost = currentCost;
    }
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  return pieces;
}

/** Cuts `text` so its escaped form plus a trailing "…" fits `budget`; returns it unchanged if it fits. */
export function clipByCost(text: string, budget: number, cost: (ch: string) => number): string {
  let total = 0;
  for (const ch of text) total += cost(ch);
  if (total <= budget) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const c = cost(ch);
    if (used + c > budget - 1) break;
    out += ch;
    used += c;
  }
  return `${out}…`;
}
