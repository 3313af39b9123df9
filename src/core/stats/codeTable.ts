/**
 * What the sums need of each code of a quantised prediction (p = code / levels: a grey PNG), kept
 * from pair to pair: every term's share, the cross-entropy and the logit of a code depend on the code
 * and the sum parameters only, and a logarithm and a power per code are most of a 16-bit pair's sums
 * (13,000 distinct codes in a 256² prediction cost more than its histogram). Entries are filled on
 * first use, so a table costs what the codes met so far cost once; values are those computed per pair
 * before, bit for bit.
 */
import { logit, pixelCe } from './pixelTerms';
import type { PixelSumAccumulator } from './terms/cpu';
import type { SumParams } from './types';

export class CodeTable {
  /** Per entry 2·code + y: 1 once filled. */
  private readonly filled: Uint8Array;
  /** Per entry 2·code + y: the terms' shares (`PixelSumAccumulator.shares`), `stride` apart. */
  readonly shares: Float64Array;
  /** Per entry 2·code + y: the pixel's cross-entropy. */
  readonly ce: Float64Array;
  /** Per code: the logit of its clipped probability (the Lovász hinge's input). */
  readonly logit: Float64Array;

  constructor(
    readonly levels: number,
    readonly stride: number,
  ) {
    const entries = 2 * (levels + 1);
    this.filled = new Uint8Array(entries);
    this.shares = new Float64Array(entries * stride);
    this.ce = new Float64Array(entries);
    this.logit = new Float64Array(levels + 1);
  }

  /** Fills entry 2·code + y with `acc`'s definitions (an accumulator of this table's parameters) unless done. */
  fill(code: number, y: number, acc: PixelSumAccumulator): void {
    const e = 2 * code + y;
    if (this.filled[e]) return;
    const p = code / this.levels;
    acc.shares(y, p, this.shares, e * this.stride);
    this.ce[e] = pixelCe(p, y);
    this.logit[code] = logit(p);
    this.filled[e] = 1;
  }
}

/** One table is kept: a batch has one parameter set and one bit depth. */
let kept: { key: string; table: CodeTable } | undefined;

export function codeTable(levels: number, params: SumParams, acc: PixelSumAccumulator): CodeTable {
  const key = `${levels} ${JSON.stringify(params)}`;
  if (kept?.key !== key) kept = { key, table: new CodeTable(levels, acc.width) };
  return kept.table;
}
