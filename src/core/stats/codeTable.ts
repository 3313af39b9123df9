/**
 * What the passes need of each code of a quantised prediction (p = code / levels: a grey PNG), kept
 * from pair to pair: its cross-entropy for either label and its logit. Logarithms per code are most
 * of a 16-bit pair's sums (13,000 distinct codes in a 256² prediction cost more than its histogram);
 * the terms' shares are computed from them per pair, a few multiplications each, rather than kept:
 * a table of every term's share (8 MB at 16 bits) costs more in cache misses than it saves. Entries
 * are filled on first use; values are those computed per pixel, bit for bit.
 */
import { histogramByKernel } from './histogramKernel';
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

/** Where `takeCounts` lists the entries (first half) and their counts (second half); kept between pairs. */
let taken = new Uint32Array(0);

/** The hard counts `countCodes` leaves: valid pixels of the hard prediction, and those with label 1. */
const HARD = new Float64Array(2);

/**
 * The histogram of codes `values` (levels + 1 of them) with labels y over the valid pixels; by the
 * WebAssembly kernel where it runs (`wasm` false: by the loops below, which it equals).
 */
export function codeHistogram(values: Uint8Array | Uint16Array, levels: number, y: Uint8Array, hard: Uint8Array, valid: Uint8Array | null, wasm = true): CodeHistogram {
  const byKernel = wasm ? histogramByKernel(values, levels, y, hard, valid) : undefined;
  if (byKernel) {
    const { lists, m, hardP, hardTp } = byKernel;
    return { entries: lists.subarray(0, m), counts: lists.subarray(m), hardP, hardTp };
  }
  const size = 2 * (levels + 1);
  if (scratch.length < size) scratch = new Uint32Array(size);
  // At most one entry per pixel or per slot, whichever is fewer.
  const most = Math.min(size, y.length);
  if (taken.length < 2 * most) taken = new Uint32Array(2 * most);
  countCodes(values, y, hard, valid, scratch, HARD);
  const m = takeCounts(scratch, size, taken);
  const half = taken.length >> 1;
  // One allocation for both lists, the result's own: the scratch lists serve the next pair.
  const lists = new Uint32Array(2 * m);
  lists.set(taken.subarray(0, m));
  lists.set(taken.subarray(half, half + m), m);
  return { entries: lists.subarray(0, m), counts: lists.subarray(m), hardP: HARD[0], hardTp: HARD[1] };
}

/*
 * The two loops below are functions of their own that end right after them. V8 optimises a long loop
 * while it runs (on-stack replacement) and reuses that code at every later call; code after the loop
 * that had not run yet then sends each call back to the interpreter, for hundreds of pairs.
 */

/**
 * Adds the valid pixels to counts (per 2·code + y) and leaves the hard counts in h. Branch-free where
 * the data is random: whether an entry is new, or a pixel hard, would be a mispredicted branch at a
 * pixel in five (the histogram of a 16-bit 256² prediction 0.53 → 0.43 ms).
 */
function countCodes(values: Uint8Array | Uint16Array, y: Uint8Array, hard: Uint8Array, valid: Uint8Array | null, counts: Uint32Array, h: Float64Array): void {
  let hardP = 0;
  let hardTp = 0;
  for (let i = 0; i < y.length; i++) {
    if (valid && !valid[i]) continue;
    const l = y[i];
    const b = hard[i];
    counts[2 * values[i] + l]++;
    hardP += b;
    hardTp += b & l;
  }
  h[0] = hardP;
  h[1] = hardTp;
}

/**
 * The non-zero entries of counts[0…size) in code order, label 1 first, into the first half of `out`
 * and their counts into the second, leaving counts zero; how many there are.
 */
function takeCounts(counts: Uint32Array, size: number, out: Uint32Array): number {
  const half = out.length >> 1;
  let m = 0;
  for (let e = 1; e < size; e += 2) {
    const c1 = counts[e];
    const c0 = counts[e - 1];
    if (c1) {
      out[m] = e;
      out[half + m++] = c1;
      counts[e] = 0;
    }
    if (c0) {
      out[m] = e - 1;
      out[half + m++] = c0;
      counts[e - 1] = 0;
    }
  }
  return m;
}
