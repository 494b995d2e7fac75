'use strict';
/**
 * The sentence encoder's tokenizer: SentencePiece (unigram) pieces of a text, by the Viterbi best
 * split over the vocabulary's scores. A port of the Universal Sentence Encoder lite's JavaScript
 * tokenizer (Copyright 2019 Google LLC, Apache-2.0; as in @energetic-ai/embeddings 0.2.0), giving
 * the same ids, its quirks included, so the shipped model reads what it was fitted on. Plain
 * CommonJS, so that the encoder's worker (an eval'd script) requires it under tsx, vitest and the
 * compiled dist/ alike.
 */

const SEPARATOR = '\u2581';
/** The vocabulary's first ids are reserved (unknown, <s>, </s> and three extra tokens). */
const RESERVED = 6;
const UNKNOWN = 0;

/**
 * @param {ReadonlyArray<readonly [string, number]>} vocabulary each piece and its score, by id
 * @returns {(text: string) => number[]}
 */
function createSentencePiece(vocabulary) {
  // A trie of the pieces, by code point: each node's children, and the id ending there (or -1).
  /** @type {Array<Map<string, number>>} */
  const children = [new Map()];
  /** @type {number[]} */
  const ending = [-1];
  for (let id = RESERVED; id < vocabulary.length; id++) {
    let node = 0;
    for (const symbol of vocabulary[id][0]) {
      let next = children[node].get(symbol);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ending.push(-1);
        children[node].set(symbol, next);
      }
      node = next;
    }
    ending[node] = id;
  }

  return function encode(input) {
    const normalized = input.normalize('NFKC');
    const text = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
    const symbols = Array.from(text);
    const length = symbols.length;
    // For each end position, the pieces ending there: [start, id, score], starts ascending.
    /** @type {Array<Array<[number, number, number]>>} */
    const ends = Array.from({ length: length + 1 }, () => []);
    for (let start = 0; start < length; start++) {
      let node = children[0].get(symbols[start]);
      let found = false;
      for (let at = start; at < length && node !== undefined; at++) {
        const id = ending[node];
        if (id >= 0) {
          ends[at + 1].push([start, id, vocabulary[id][1]]);
          found = true;
        }
        node = children[node].get(symbols[at + 1]);
      }
      // A symbol no piece starts with stands alone, unknown, scoring 0.
      if (!found) ends[start + 1].push([start, UNKNOWN, 0]);
    }
    // Best score of a split of the first `end` symbols (0 = none yet, as the original reads it:
    // a later split scoring the same wins), and the last piece of that split.
    const best = new Array(length + 1).fill(0);
    const last = new Array(length + 1).fill(0);
    for (let end = 0; end <= length; end++)
      for (const [start, id, score] of ends[end]) {
        const total = score + best[start];
        if (best[end] === 0 || total >= best[end]) {
          best[end] = total;
          last[end] = id;
        }
      }
    // Back from the end, each piece's length in UTF-16 units, as the original steps.
    const pieces = [];
    for (let at = last.length - 1; at > 0; at -= vocabulary[last[at]][0].length) pieces.push(last[at]);
    // Unknown symbols in a row become one.
    const merged = [];
    let previousUnknown = false;
    for (const id of pieces) {
      if (!(previousUnknown && id === UNKNOWN)) merged.push(id);
      previousUnknown = id === UNKNOWN;
    }
    return merged.reverse();
  };
}

module.exports = { createSentencePiece };
