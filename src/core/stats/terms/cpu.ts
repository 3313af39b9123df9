/**
 * The CPU (float64) side generated from the term declarations: the accumulators of `PixelSums` and
 * `FieldSums`, the background problem's sums, and any term's value at one pixel (the heat maps).
 */
import { clampP, pixelCe, powerFn, type FieldScalars } from '../pixelTerms';
import type { FieldSums, PixelSums } from '../types';
import { byKey, type FieldPixel, type FieldTerm, type Pow, type SumTerm } from './define';
import { FIELD_TERMS, type FieldKey } from './fields';
import type { SumParams } from './params';
import { SUM_TERMS, type SumKey } from './sums';

const SUM_KEYS = Object.keys(SUM_TERMS) as SumKey[];
const FIELD_KEYS = Object.keys(FIELD_TERMS) as FieldKey[];

/** A term's parameter power for these parameters (x ↦ x for a term without one). */
function powOf(t: { param?: keyof SumParams; exponent?: (v: number) => number }, params: SumParams): Pow {
  if (!t.param) return powerFn(1);
  const v = params[t.param];
  return powerFn(t.exponent ? t.exponent(v) : v);
}

type Share = (p: number, nl: number, pow: Pow) => number;

/**
 * The pixel loops call each term at a call site of its own, unrolled: a site that only ever sees one
 * function lets the JIT inline it, where one site calling every term in turn cannot, and boxes every
 * value a term returns (the whole pass several times slower). Terms beyond the slots take a loop.
 */
const SLOTS = 8;

interface Bound {
  index: number;
  pos?: Share;
  neg?: Share;
  pow: Pow;
}

/** The sum terms that read p (or, `hard`, the hard prediction), with their powers for these parameters. */
const bind = (params: SumParams, hard: boolean): Bound[] =>
  SUM_KEYS.flatMap((k, index) => {
    const t: SumTerm<SumKey> = SUM_TERMS[k];
    return (t.of === 'hard') === hard ? [{ index, pos: t.pos, neg: t.neg, pow: powOf(t, params) }] : [];
  });

/**
 * Accumulates `PixelSums` one pixel value at a time (with a multiplicity, so a histogram of
 * quantised probabilities goes through the very same definitions as raw pixels).
 */
export class PixelSumAccumulator {
  private readonly acc = new Float64Array(SUM_KEYS.length);
  private readonly pos: Side;
  private readonly neg: Side;
  private readonly hardPos: Side;
  private readonly hardNeg: Side;
  private readonly terms: Bound[];

  constructor(params: SumParams) {
    const terms = bind(params, false);
    const hard = bind(params, true);
    this.pos = sideOf(terms, 'pos');
    this.neg = sideOf(terms, 'neg');
    this.hardPos = sideOf(hard, 'pos');
    this.hardNeg = sideOf(hard, 'neg');
    this.terms = terms;
  }

  /**
   * Every valid pixel of a float prediction (labels y, valid null when every pixel counts): the sums
   * `addPositive` and `addNegative` give pixel by pixel, bit for bit. Block by block, a first pass
   * writes each pixel's −ln q or −ln(1 − q) and label (2: not valid) to scratch that stays in cache,
   * then a loop per term (see `TERM_LOOPS`) carries on its sum over the block, in pixel order.
   * `fields`: the field sums as well, pixel by pixel in the same blocks (bit for bit `add` per pixel).
   * `hard`: the hard prediction, whose counts (`addHard`) are taken on the way.
   */
  addPixels(p: Prob, y: Uint8Array, valid: Uint8Array | null, only?: ReadonlySet<SumKey>, fields?: FieldPass, hard?: Uint8Array): void {
    const { acc } = this;
    let hardP = 0;
    let hardTp = 0;
    // `only`: a parameter change sums again just the terms that read it.
    const terms = only ? this.terms.filter((t) => only.has(SUM_KEYS[t.index])) : this.terms;
    for (let at = 0; at < p.length; at += BLOCK) {
      const n = Math.min(BLOCK, p.length - at);
      posCount = 0;
      negCount = 0;
      for (let i = 0; i < n; i++) {
        const j = at + i;
        const l = valid && !valid[j] ? 2 : y[j] ? 1 : 0;
        LABEL[i] = l;
        if (l === 1) {
          NL[i] = -Math.log(clampP(p[j]));
          POS[posCount++] = i;
        } else if (l === 0) {
          NL[i] = -Math.log(clampP(1 - p[j]));
          NEG[negCount++] = i;
        }
        if (hard && l !== 2 && hard[j]) {
          hardP++;
          hardTp += l;
        }
      }
      for (let k = 0; k < terms.length; k++) TERM_LOOPS[k % TERM_LOOPS.length](terms[k], p, at, n, acc, ONES);
      if (fields) {
        // The field terms take each pixel's cross-entropy from the block: no second logarithm.
        fields.acc.addBlock(p, at, n, fields.dy2, fields.dp2);
      }
    }
    if (hard) {
      this.addHard(1, hardTp);
      this.addHard(0, hardP - hardTp);
    }
  }

  addPositive(p: number, count: number): void {
    const nl = -Math.log(clampP(p));
    const { index: ix, fn, pow } = this.pos;
    const acc = this.acc;
    // One call site per term (see `SLOTS`); the loop takes any beyond them.
    const n = fn.length;
    if (n > 0) acc[ix[0]] += fn[0](p, nl, pow[0]) * count;
    if (n > 1) acc[ix[1]] += fn[1](p, nl, pow[1]) * count;
    if (n > 2) acc[ix[2]] += fn[2](p, nl, pow[2]) * count;
    if (n > 3) acc[ix[3]] += fn[3](p, nl, pow[3]) * count;
    if (n > 4) acc[ix[4]] += fn[4](p, nl, pow[4]) * count;
    if (n > 5) acc[ix[5]] += fn[5](p, nl, pow[5]) * count;
    if (n > 6) acc[ix[6]] += fn[6](p, nl, pow[6]) * count;
    if (n > 7) acc[ix[7]] += fn[7](p, nl, pow[7]) * count;
    for (let k = SLOTS; k < n; k++) acc[ix[k]] += fn[k](p, nl, pow[k]) * count;
  }

  addNegative(p: number, count: number): void {
    // ln(1 − q) as ln(clip(1 − p)): in float32, 1 − (1 − 1e-7) is not 1e-7.
    const nl = -Math.log(clampP(1 - p));
    const { index: ix, fn, pow } = this.neg;
    const acc = this.acc;
    const n = fn.length;
    if (n > 0) acc[ix[0]] += fn[0](p, nl, pow[0]) * count;
    if (n > 1) acc[ix[1]] += fn[1](p, nl, pow[1]) * count;
    if (n > 2) acc[ix[2]] += fn[2](p, nl, pow[2]) * count;
    if (n > 3) acc[ix[3]] += fn[3](p, nl, pow[3]) * count;
    if (n > 4) acc[ix[4]] += fn[4](p, nl, pow[4]) * count;
    if (n > 5) acc[ix[5]] += fn[5](p, nl, pow[5]) * count;
    if (n > 6) acc[ix[6]] += fn[6](p, nl, pow[6]) * count;
    if (n > 7) acc[ix[7]] += fn[7](p, nl, pow[7]) * count;
    for (let k = SLOTS; k < n; k++) acc[ix[k]] += fn[k](p, nl, pow[k]) * count;
  }

  /**
   * The pixels of a quantised prediction from their histogram: counts[j] pixels of entry
   * e = entries[j] = 2·k + y, value p = k / levels and label y, whose −ln q or −ln(1 − q) is ce[e].
   * Entries in code order, label 1 first: the sums `addPositive` and `addNegative` give code by code,
   * bit for bit, through the block loops of `addPixels` with each share weighted by its count.
   */
  addCodes(entries: Uint32Array, counts: Uint32Array, levels: number, ce: Float64Array): void {
    const { acc, terms } = this;
    for (let at = 0; at < entries.length; at += BLOCK) {
      const n = Math.min(BLOCK, entries.length - at);
      entryBlock(entries, counts, levels, ce, at, n);
      for (let t = 0; t < terms.length; t++) TERM_LOOPS[t % TERM_LOOPS.length](terms[t], CODE_P, 0, n, acc, COUNT);
    }
  }

  /** `count` pixels of the hard prediction with label y (once per problem: no slots needed). */
  addHard(y: number, count: number): void {
    const { index, fn, pow } = y ? this.hardPos : this.hardNeg;
    for (let k = 0; k < index.length; k++) this.acc[index[k]] += fn[k](1, 0, pow[k]) * count;
  }

  get sums(): PixelSums {
    return byKey(SUM_TERMS, (_, i) => this.acc[i]);
  }
}

/** The terms of one side as parallel arrays for the pixel loop. */
interface Side {
  index: Uint8Array;
  fn: Share[];
  pow: Pow[];
}

function sideOf(terms: Bound[], which: 'pos' | 'neg'): Side {
  const on = terms.filter((t) => t[which]);
  return { index: Uint8Array.from(on, (t) => t.index), fn: on.map((t) => t[which] as Share), pow: on.map((t) => t.pow) };
}

type Prob = Float32Array | Float64Array;

/** Pixels per block of `addPixels`: its scratch, below, fits a core's cache. */
const BLOCK = 4096;
/** The block's −ln q (y = 1) or −ln(1 − q) (y = 0), and labels (2: not valid). */
const NL = new Float64Array(BLOCK);
const LABEL = new Uint8Array(BLOCK);
/**
 * The block's pixels of label 1 and of label 0, in order: a term of one side loops over that side's
 * pixels only (a sparse foreground makes the six terms of y = 1 nearly free).
 */
const POS = new Uint16Array(BLOCK);
const NEG = new Uint16Array(BLOCK);
let posCount = 0;
let negCount = 0;
/** Each block entry's weight: 1 for a pixel, its count for a code of a histogram (x·1 is x, bit for bit). */
const ONES = new Float64Array(BLOCK).fill(1);
const COUNT = new Float64Array(BLOCK);
/** A code block's probabilities, k / levels. */
const CODE_P = new Float64Array(BLOCK);

/** Carries on term t's sum in acc over the block of n entries at p[at…], each share times its weight w[i]. */
type TermLoop = (t: Bound, p: Prob, at: number, n: number, acc: Float64Array, w: Float64Array) => void;

/**
 * The same loop written out once per term that reads p (twelve): closures of one function share what
 * the JIT learns of their calls, so only loops written apart keep a call site to one term each, which
 * the JIT inlines (the sums in about 0.6 of the time of one pixel loop calling every term in turn, the
 * largest stage of a float pair). Terms beyond these share loops (the same sums, slower).
 */
const TERM_LOOPS: TermLoop[] = [
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
  (t, p, at, n, acc, w) => {
    const { pos, neg, pow } = t;
    let s = acc[t.index];
    if (pos && neg) {
      for (let i = 0; i < n; i++) if (LABEL[i] === 1) s += pos(p[at + i], NL[i], pow) * w[i]; else if (LABEL[i] === 0) s += neg(p[at + i], NL[i], pow) * w[i];
    } else if (pos) {
      for (let j = 0; j < posCount; j++) s += pos(p[at + POS[j]], NL[POS[j]], pow) * w[POS[j]];
    } else if (neg) for (let j = 0; j < negCount; j++) s += neg(p[at + NEG[j]], NL[NEG[j]], pow) * w[NEG[j]];
    acc[t.index] = s;
  },
];

/** The background problem (1 − p, 1 − y) of a binary pair, for losses defined over both classes. */
export const backgroundSums = (s: PixelSums): PixelSums => byKey(SUM_TERMS, (k) => SUM_TERMS[k].background(s));

/** Accumulates `FieldSums` over the valid pixels of one problem. */
export class FieldSumAccumulator {
  private readonly acc = new Float64Array(FIELD_KEYS.length);
  private readonly fn = FIELD_KEYS.map((k) => FIELD_TERMS[k].cpu);
  private readonly pow: Pow[];

  constructor(
    params: SumParams,
    private readonly f: FieldScalars,
  ) {
    this.pow = FIELD_KEYS.map((k) => powOf(FIELD_TERMS[k], params));
  }

  /** One valid pixel: p, label y, its cross-entropy, squared distances to the other side of y and of P. */
  add(p: number, y: number, ce: number, dy2: number, dp2: number): void {
    const { acc, fn, pow, f } = this;
    const x = PIXEL;
    x.p = p;
    x.y = y;
    x.ce = ce;
    x.dy2 = dy2;
    x.dp2 = dp2;
    x.d = Math.sqrt(dy2);
    const n = fn.length;
    if (n > 0) acc[0] += fn[0](x, f, pow[0]);
    if (n > 1) acc[1] += fn[1](x, f, pow[1]);
    if (n > 2) acc[2] += fn[2](x, f, pow[2]);
    if (n > 3) acc[3] += fn[3](x, f, pow[3]);
    for (let k = 4; k < n; k++) acc[k] += fn[k](x, f, pow[k]);
  }

  /**
   * Every valid pixel (valid null when every pixel counts), a block at a time as `addBlock` takes them:
   * a quantised prediction's cross-entropy from `ceLut` at 2·code + y, a float one's computed.
   */
  addPixels(p: Prob, y: Uint8Array, valid: Uint8Array | null, dy2: Float32Array, dp2: Float32Array, coded?: { codes: Uint8Array | Uint16Array; ceLut: Float64Array }): void {
    for (let at = 0; at < p.length; at += BLOCK) {
      const n = Math.min(BLOCK, p.length - at);
      if (coded) codedBlock(coded.codes, coded.ceLut, y, valid, at, n);
      else
        for (let i = 0; i < n; i++) {
          const j = at + i;
          const l = valid && !valid[j] ? 2 : y[j] ? 1 : 0;
          LABEL[i] = l;
          if (l !== 2) NL[i] = pixelCe(p[j], l);
        }
      this.addBlock(p, at, n, dy2, dp2);
    }
  }

  /**
   * The valid pixels of a block of `addPixels` (labels, 2: not valid, and cross-entropies in its
   * scratch): the sums `add` gives pixel by pixel, bit for bit. The first three terms (those declared
   * today) are carried on in locals, one call site each; any further term takes a loop of its own.
   */
  addBlock(p: Prob, at: number, n: number, dy2: Float32Array, dp2: Float32Array): void {
    const { acc, fn, pow, f } = this;
    const x = PIXEL;
    firstThree(fn[0] ?? noField, fn[1] ?? noField, fn[2] ?? noField, pow[0] ?? same, pow[1] ?? same, pow[2] ?? same, f, p, at, n, dy2, dp2, acc);
    for (let k = 3; k < fn.length; k++) {
      let s = acc[k];
      for (let i = 0; i < n; i++) {
        const l = LABEL[i];
        if (l === 2) continue;
        const j = at + i;
        x.p = p[j];
        x.y = l;
        x.ce = NL[i];
        x.dy2 = dy2[j];
        x.dp2 = dp2[j];
        x.d = Math.sqrt(dy2[j]);
        s += fn[k](x, f, pow[k]);
      }
      acc[k] = s;
    }
  }

  get sums(): FieldSums {
    return byKey(FIELD_TERMS, (_, i) => this.acc[i]);
  }
}

/**
 * The record the field terms beyond the first three (and `add`) read a pixel from, updated in place.
 * One for all accumulators, and born with fractional values: a fresh record a pair would start with
 * integer fields and change shape at its first fractional store, which sent the optimised pixel
 * loop back to the interpreter at every pair.
 */
const PIXEL: FieldPixel = { p: 0.5, y: 0, ce: 0.5, d: 0.5, dy2: 0.5, dp2: 0.5 };

/** The share of a field term slot that no term fills, and its power. */
const noField: FieldTerm['cpu'] = () => 0;
const same: Pow = (v) => v;

/**
 * The pixel loop of `addBlock` for its first three terms, carried on in locals from acc[0..2], one
 * call site each. A function of its own that reads only its arguments and typed arrays: the loop,
 * optimised while it runs (on-stack replacement), then has no object to find changed after it,
 * which would send every later call back to the interpreter (V8 reuses that code). Each pixel's
 * record is a fresh literal that never leaves the loop once the three terms are inlined: the JIT
 * keeps its fields in registers, where a shared record costs six stores and their loads a pixel
 * (the field pass of a 256² pair 0.83 → 0.55 ms).
 */
function firstThree(f0: FieldTerm['cpu'], f1: FieldTerm['cpu'], f2: FieldTerm['cpu'], w0: Pow, w1: Pow, w2: Pow, f: FieldScalars, p: Prob, at: number, n: number, dy2: Float32Array, dp2: Float32Array, acc: Float64Array): void {
  let s0 = acc[0] ?? 0;
  let s1 = acc[1] ?? 0;
  let s2 = acc[2] ?? 0;
  for (let i = 0; i < n; i++) {
    const l = LABEL[i];
    if (l === 2) continue;
    const j = at + i;
    const d2 = dy2[j];
    const x = { p: p[j], y: l, ce: NL[i], d: Math.sqrt(d2), dy2: d2, dp2: dp2[j] };
    s0 += f0(x, f, w0);
    s1 += f1(x, f, w1);
    s2 += f2(x, f, w2);
  }
  // Beyond the terms declared, a typed array ignores the write.
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
}

/** A block of n histogram entries from `at` into the block scratch: label, p = code / levels, cross-entropy, count, side. */
function entryBlock(entries: Uint32Array, counts: Uint32Array, levels: number, ce: Float64Array, at: number, n: number): void {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[at + i];
    const y = e & 1;
    LABEL[i] = y;
    CODE_P[i] = (e >> 1) / levels;
    NL[i] = ce[e];
    COUNT[i] = counts[at + i];
    if (y) POS[pos++] = i;
    else NEG[neg++] = i;
  }
  posCount = pos;
  negCount = neg;
}

/**
 * The labels (2: not valid) and cross-entropies of a block of a quantised prediction, the latter from
 * `ceLut` at 2·code + y. Without a valid mask, no branch: a pixel's label is its y.
 */
function codedBlock(codes: Uint8Array | Uint16Array, ceLut: Float64Array, y: Uint8Array, valid: Uint8Array | null, at: number, n: number): void {
  if (valid) {
    for (let i = 0; i < n; i++) {
      const j = at + i;
      const l = valid[j] ? y[j] : 2;
      LABEL[i] = l;
      if (l !== 2) NL[i] = ceLut[2 * codes[j] + l];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const j = at + i;
      const l = y[j];
      LABEL[i] = l;
      NL[i] = ceLut[2 * codes[j] + l];
    }
  }
}

/** The field sums to carry on in the same pass as the pixel sums, with the distance fields they read. */
export interface FieldPass {
  acc: FieldSumAccumulator;
  dy2: Float32Array;
  dp2: Float32Array;
}

/** Every per-pixel term that a heat map can show: those that read p (not the hard counts). */
export type PixelTermKey = SumKey | FieldKey;

export const PIXEL_TERM_KEYS: readonly PixelTermKey[] = [...SUM_KEYS.filter((k) => SUM_TERMS[k].of !== 'hard'), ...FIELD_KEYS];

const isFieldKey = (k: PixelTermKey): k is FieldKey => k in FIELD_TERMS;

/** One term's value at a valid pixel: p, label y (0/1), squared distances dy2, dp2 (field terms only). */
export type PixelTermFn = (p: number, y: number, dy2: number, dp2: number) => number;

export function pixelTerm(key: PixelTermKey, params: SumParams, f: FieldScalars): PixelTermFn {
  if (isFieldKey(key)) {
    const t = FIELD_TERMS[key];
    const pow = powOf(t, params);
    return (p, y, dy2, dp2) => {
      const ce = y ? -Math.log(clampP(p)) : -Math.log(clampP(1 - p));
      return t.cpu({ p, y, ce, d: Math.sqrt(dy2), dy2, dp2 }, f, pow);
    };
  }
  const t: SumTerm<SumKey> = SUM_TERMS[key];
  const pow = powOf(t, params);
  const { pos, neg } = t;
  return (p, y) => (y ? (pos ? pos(p, -Math.log(clampP(p)), pow) : 0) : neg ? neg(p, -Math.log(clampP(1 - p)), pow) : 0);
}
