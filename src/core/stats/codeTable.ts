/**
 * What the passes need of each code of a quantised prediction (p = code / levels: a grey PNG), kept
 * from pair to pair: its cross-entropy for either label and its logit. Logarithms per code are most
 * of a 16-bit pair's sums (13,000 distinct codes in a 256² prediction cost more than its histogram);
 * the terms' shares are computed from them per pair, a few multiplications each, rather than kept:
 * a table of every term's share (8 MB at 16 bits) costs more in cache misses than it saves. Entries
 * are filled on first use; values are those computed per pixel, bit for bit.
 */
import { logit, pixelCe } from './pixelTerms';

export class CodeTable {
  /** Per entry 2·code + y: 1 once filled. */
  private readonly filled: Uint8Array;
  /** Per entry 2·code + y: the pixel's cross-entropy, −ln q or −ln(1 − q). */
  readonly ce: Float64Array;
  /** Per code: the logit of its clipped probability (the Lovász hinge's input). */
  readonly logit: Float64Array;

  constructor(readonly levels: number) {
    const entries = 2 * (levels + 1);
    this.filled = new Uint8Array(entries);
    this.ce = new Float64Array(entries);
    this.logit = new Float64Array(levels + 1);
  }

  /** Fills the given entries (2·code + y) unless done. */
  fill(entries: Uint32Array): void {
    const { filled, levels } = this;
    for (let j = 0; j < entries.length; j++) {
      const e = entries[j];
      if (filled[e]) continue;
      const code = e >> 1;
      const p = code / levels;
      this.ce[e] = pixelCe(p, e & 1);
      this.logit[code] = logit(p);
      filled[e] = 1;
    }
  }
}

/** One table is kept: a batch has one bit depth. */
let kept: CodeTable | undefined;

export function codeTable(levels: number): CodeTable {
  if (kept?.levels !== levels) kept = new CodeTable(levels);
  return kept;
}

/** The valid pixels of a quantised prediction by (code, label), and its hard counts. */
export interface CodeHistogram {
  /** Entries 2·code + y with pixels, in code order, label 1 before label 0 of the same code. */
  entries: Uint32Array;
  /** Pixels of each entry. */
  counts: Uint32Array;
  /** Valid pixels of the hard prediction, and those of them with label 1. */
  hardP: number;
  hardTp: number;
}

/**
 * Counts per entry of a grid-sized scratch array kept between pairs (zero between uses): a fresh
 * 512 KiB one for a 16-bit prediction costs a page fault per 4 KiB on first write, more than the counting.
 */
let scratch = new Uint32Array(0);

/** The hard counts `countCodes` adds to: valid pixels of the hard prediction, and those with label 1. */
const HARD = new Float64Array(2);

/** The histogram of codes `values` (levels + 1 of them) with labels y over the valid pixels. */
export function codeHistogram(values: Uint8Array | Uint16Array, levels: number, y: Uint8Array, hard: Uint8Array, valid: Uint8Array | null): CodeHistogram {
  const size = 2 * (levels + 1);
  if (scratch.length < size) scratch = new Uint32Array(size);
  HARD.fill(0);
  const distinct = countCodes(values, y, hard, valid, scratch, HARD);
  // One allocation for both lists (each costs more than filling it).
  const lists = new Uint32Array(2 * distinct);
  const entries = lists.subarray(0, distinct);
  const out = lists.subarray(distinct);
  takeCounts(scratch, entries, out);
  return { entries, counts: out, hardP: HARD[0], hardTp: HARD[1] };
}

/*
 * The two loops below are functions of their own that end right after them. V8 optimises a long loop
 * while it runs (on-stack replacement) and reuses that code at every later call; code after the loop
 * that had not run yet then sends each call back to the interpreter, for hundreds of pairs.
 */

/** Adds the valid pixels to counts (per 2·code + y) and the hard counts to h; how many entries it made non-zero. */
function countCodes(values: Uint8Array | Uint16Array, y: Uint8Array, hard: Uint8Array, valid: Uint8Array | null, counts: Uint32Array, h: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < y.length; i++) {
    if (valid && !valid[i]) continue;
    const e = 2 * values[i] + y[i];
    if (counts[e]++ === 0) distinct++;
    if (hard[i]) {
      h[0]++;
      h[1] += y[i];
    }
  }
  return distinct;
}

/** The non-zero entries of counts in code order, label 1 first, and their counts, leaving counts zero. */
function takeCounts(counts: Uint32Array, entries: Uint32Array, out: Uint32Array): void {
  let m = 0;
  for (let e = 1; m < entries.length; e += 2) {
    if (counts[e]) {
      entries[m] = e;
      out[m++] = counts[e];
      counts[e] = 0;
    }
    if (counts[e - 1]) {
      entries[m] = e - 1;
      out[m++] = counts[e - 1];
      counts[e - 1] = 0;
    }
  }
}
