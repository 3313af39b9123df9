import { boundingBox, setPixels, type Box } from '../distance/box';
import { boundaryIn, EdtWorkspace, twoSidedSquaredEdt } from '../distance/edt';
import { squaredEdtByRays, squaredEdtNear } from '../distance/near';
import { codeHistogram, codeTable, type CodeHistogram } from './codeTable';
import { LovaszAccumulator, positiveFloatKey, radixSortDescending } from './lovasz';
import { fieldScalars, logit } from './pixelTerms';
import { type FieldPass, FieldSumAccumulator, PixelSumAccumulator } from './terms/cpu';
import type { ProbCodes } from '../types';
import type { ClassStats, FieldSums, PixelSums, SumParams, SurfaceDistances } from './types';


/** Voxels up to which a volume's distance fields are kept for its surface distances (256³). */
const KEEP_FIELDS_UP_TO = 1 << 24;

/** One binary problem (p, y) of a pair, with ignored pixels already set to background in y and hard. */
export interface ClassView {
  width: number;
  height: number;
  /** Slices of a volume; absent or 1 for an image. */
  depth?: number;
  p: Float32Array | Float64Array;
  codes?: ProbCodes;
  y: Uint8Array;
  /** Hard prediction: p > threshold, or argmax == class. */
  hard: Uint8Array;
  /**
   * Multi-class: the hard prediction of the losses' distance fields, p_c > threshold, where it differs
   * from `hard` (argmax == class, what metrics and boundaries use).
   */
  fieldHard?: Uint8Array;
  /** 1 where the pixel counts; null when every pixel does. */
  valid: Uint8Array | null;
}

/**
 * The CPU backend of `ClassStats`: typed-array loops, each statistic computed on first use and
 * kept, so every loss and metric that needs a distance field shares one.
 */
export class CpuClassStats implements ClassStats {
  private cachedSums?: PixelSums;
  private cachedFields?: FieldSums;
  private cachedSurface?: SurfaceDistances;
  private cachedLovasz?: number;
  private cachedDist?: { y: Float32Array; hard: Float32Array };
  private cachedHistogram?: CodeHistogram;
  /** Per-pixel CE of each occurring code, index 2·code + y; filled with the sums of a quantised prediction. */
  private ceTable: Float64Array = new Float64Array(0);
  /** Logit of each occurring code; filled with the sums of a quantised prediction. */
  private codeLogit: Float64Array = new Float64Array(0);

  constructor(
    readonly view: ClassView,
    readonly params: SumParams,
    private readonly ws: EdtWorkspace,
  ) {}

  /**
   * The same problem under other per-pixel parameters (focal γ, exp-log γ_C, Hausdorff α): the
   * distance fields, boundaries, histogram and Lovász hinge do not depend on them and are kept.
   */
  withParams(params: SumParams): CpuClassStats {
    const next = new CpuClassStats(this.view, params, this.ws);
    next.cachedDist = this.cachedDist;
    next.cachedSurface = this.cachedSurface;
    next.cachedLovasz = this.cachedLovasz;
    next.cachedHistogram = this.cachedHistogram;
    next.ceTable = this.ceTable;
    next.codeLogit = this.codeLogit;
    return next;
  }

  /** Drops the distance fields (the largest buffers) once nothing more needs them. */
  releaseDistances(): void {
    if (this.cachedDist) this.ws.give(this.cachedDist.y, this.cachedDist.hard);
    this.cachedDist = undefined;
  }

  get sums(): PixelSums {
    return (this.cachedSums ??= this.computeSums());
  }

  get fields(): FieldSums {
    if (!this.cachedFields) {
      this.cachedFields = this.computeFields();
      // A large volume's fields are its largest buffers: free them for the surface distances that come
      // next (recomputed if asked for again). A smaller one keeps them, as an image does: the surface
      // distances then read them (160×160×96: 25 → 10 ms), for at most 128 MiB more.
      if (this.view.y.length > KEEP_FIELDS_UP_TO) this.releaseDistances();
    }
    return this.cachedFields;
  }

  get surface(): SurfaceDistances {
    return (this.cachedSurface ??= this.computeSurface());
  }

  get lovaszHinge(): number {
    return (this.cachedLovasz ??= this.computeLovasz());
  }

  /** Squared distance of each pixel to the other side of y and of the hard prediction. */
  get distances(): { y: Float32Array; hard: Float32Array } {
    return (this.cachedDist ??= {
      y: twoSidedSquaredEdt(this.view.y, this.ws),
      hard: twoSidedSquaredEdt(this.view.fieldHard ?? this.view.hard, this.ws),
    });
  }

  /**
   * Counts of valid pixels per (probability code, label) and the hard counts. Shared by the sums and
   * the Lovász hinge, so a quantised prediction is read once.
   */
  private get histogram(): CodeHistogram {
    const { y, hard, valid, codes } = this.view;
    return (this.cachedHistogram ??= codeHistogram((codes as ProbCodes).values, (codes as ProbCodes).levels, y, hard, valid));
  }

  private computeSums(fields?: FieldPass): PixelSums {
    const { p, y, hard, valid, codes } = this.view;
    const acc = new PixelSumAccumulator(this.params);
    if (codes) {
      const { entries, counts, hardP, hardTp } = this.histogram;
      // Each code's cross-entropy from the table kept across pairs (the field sums read it too: a
      // lookup instead of a log per pixel), its shares from that, added in code order as pixel values would be.
      const table = codeTable(codes.levels);
      table.fill(entries);
      acc.addCodes(entries, counts, codes.levels, table.ce);
      this.ceTable = table.ce;
      this.codeLogit = table.logit;
      acc.addHard(1, hardTp);
      acc.addHard(0, hardP - hardTp);
      return acc.sums;
    }
    acc.addPixels(p, y, valid, undefined, fields, hard);
    return acc.sums;
  }

  private computeFields(): FieldSums {
    const { p, y, hard, valid, codes } = this.view;
    const { y: dy, hard: dp } = this.distances;
    const acc = new FieldSumAccumulator(this.params, fieldScalars(y, this.view.fieldHard ?? hard, dy));
    if (!codes && !this.cachedSums) {
      // A float prediction's pixel sums not yet taken: both in one pass, the logarithms shared.
      this.cachedSums = this.computeSums({ acc, dy2: dy, dp2: dp });
      return acc.sums;
    }
    void this.sums; // fills ceTable for a quantised prediction
    acc.addPixels(p, y, valid, dy, dp, codes ? { codes: codes.values, ceLut: this.ceTable } : undefined);
    return acc.sums;
  }

  private computeSurface(): SurfaceDistances {
    const { width, height, depth = 1, y, hard, fieldHard } = this.view;
    const ws = this.ws;
    const bG = boundaryIn(y, ws);
    const bP = boundaryIn(hard, ws);
    const buf = ws.takeF32();
    try {
      // The two-sided fields, while they are kept, answer every boundary pixel outside the other mask
      // (the prediction's field is of `fieldHard` where that differs from `hard`: not this one's mask).
      const d = this.cachedDist;
      if (d && !fieldHard) return { predToGt: distancesViaField(bG, bP, y, d.y, ws, buf), gtToPred: distancesViaField(bP, bG, hard, d.hard, ws, buf) };
      // Every feature and every query lies in the bounding box of the two boundaries, and the EDT
      // inside a box that holds all features is exact: transform the box, not the image.
      const box = boundingBox([bG, bP], width, height, 0, depth);
      if (!box) return { predToGt: new Float64Array(0), gtToPred: new Float64Array(0) };
      buf.fill(0);
      const predToGt = sampleDistances(bG, bP, ws, buf, box);
      buf.fill(0);
      const gtToPred = sampleDistances(bP, bG, ws, buf, box);
      return { predToGt, gtToPred };
    } finally {
      ws.give(bG, bP, buf);
    }
  }

  private computeLovasz(): number {
    const { p, y, valid, codes } = this.view;
    const acc = new LovaszAccumulator(this.sums.sumY);
    if (codes) {
      const { entries, counts } = this.histogram;
      // codeLogit was filled with the sums above for every code that occurs.
      lovaszOfCodes(entries, counts, this.codeLogit, acc);
      return acc.total;
    }
    // The pixels with an error, compacted into scratch of the workspace (no grid-sized allocation per
    // pair): their indices and sort keys; the sorted ones' errors are computed again, the same values.
    const idxBuf = this.ws.takeF32();
    const keyBuf = this.ws.takeF32();
    try {
      const at = new Uint32Array(idxBuf.buffer, idxBuf.byteOffset, idxBuf.length);
      const key = new Uint32Array(keyBuf.buffer, keyBuf.byteOffset, keyBuf.length);
      let m = 0;
      for (let i = 0; i < y.length; i++) {
        if (valid && !valid[i]) continue;
        const e = hingeError(p[i], y[i]);
        if (e > 0) {
          at[m] = i;
          key[m++] = positiveFloatKey(e);
        }
      }
      for (const i of radixSortDescending(key.subarray(0, m), at.subarray(0, m))) acc.add(hingeError(p[i], y[i]), y[i], 1 - y[i]);
    } finally {
      this.ws.give(idxBuf, keyBuf);
    }
    return acc.total;
  }
}


/**
 * Adds a quantised prediction's errors to `acc` in descending order from its histogram. Positives'
 * errors 1 − x fall as the code rises, negatives' 1 + x rise: merge two sorted runs, the positives'
 * entries from the first up and the negatives' from the last down. A function of its own, optimised
 * once rather than recompiling `computeLovasz` with its other loops.
 */
function lovaszOfCodes(entries: Uint32Array, counts: Uint32Array, codeLogit: Float64Array, acc: LovaszAccumulator): void {
  const m = entries.length;
  let a = 0;
  let b = m - 1;
  for (;;) {
    while (a < m && !(entries[a] & 1)) a++;
    while (b >= 0 && entries[b] & 1) b--;
    const e1 = a < m ? 1 - codeLogit[entries[a] >> 1] : -Infinity;
    const e0 = b >= 0 ? 1 + codeLogit[entries[b] >> 1] : -Infinity;
    const e = Math.max(e1, e0);
    if (e <= 0) return;
    const pos = e1 === e ? counts[a] : 0;
    const neg = e0 === e ? counts[b] : 0;
    acc.add(e, pos, neg);
    if (pos) a++;
    if (neg) b--;
  }
}

/**
 * The Lovász hinge error 1 − x·(2y − 1) of a pixel, x the logit of its clipped probability; 0 for a
 * confident pixel, which has none (and costs no logarithm): p ≥ ¾ gives x ≥ ln 3 > 1 where y = 1,
 * p ≤ ¼ gives x ≤ −ln 3 < −1 where y = 0, far from rounding either way.
 */
function hingeError(p: number, y: number): number {
  if (y ? p >= 0.75 : p <= 0.25) return 0;
  const x = logit(p);
  return y ? 1 - x : 1 + x;
}

/**
 * Distances from the pixels of boundary `from` to boundary `to` of mask `m`, ascending (∞ when `to`
 * is empty), given m's two-sided squared distances. Outside m, the nearest pixel of m lies on its
 * boundary (from any other pixel of m, a step toward the query along an axis where they differ comes
 * closer), so the field is the answer; on `to` it is 0. Inside m and off `to`, the field bounds the
 * answer (the nearest background pixel's neighbour toward the pixel is on `to`, and nearer), so a
 * search within it around each such pixel gives the transform's value (squaredEdtNear).
 */
function distancesViaField(to: Uint8Array, from: Uint8Array, m: Uint8Array, field: Float32Array, ws: EdtWorkspace, buf: Float32Array): Float64Array {
  const { width, height, depth } = ws.grid;
  const at = setPixels(from);
  // All in the box of `to`: m lies in its boundary's box.
  const inner = queriesOff(at, to, m, ws);
  const out = new Float64Array(at.length);
  const box = boundingBox([to], width, height, 0, depth);
  if (inner) {
    if (box) squaredEdtNear(to, ws, buf, box, inner.mask, inner.list, field);
    ws.give(inner.mask);
  }
  if (!box) return out.fill(Infinity);
  at.forEach((i, k) => (out[k] = m[i] ? (to[i] ? 0 : Math.sqrt(buf[i])) : Math.sqrt(field[i])));
  return out.sort();
}

/**
 * The pixels of `at` off `to` (and, when given, in `m`): what the searches are asked of, as a mask
 * (the workspace's, given back by the caller) and as a list in its scratch, ascending. Null if none.
 */
function queriesOff(at: Uint32Array, to: Uint8Array, m: Uint8Array | null, ws: EdtWorkspace): { mask: Uint8Array; list: Int32Array } | null {
  let mask: Uint8Array | null = null;
  const list = ws.indices(at.length);
  let n = 0;
  for (const i of at) {
    if (to[i] || (m && !m[i])) continue;
    (mask ??= ws.takeU8())[i] = 1;
    list[n++] = i;
  }
  return mask && { mask, list: list.subarray(0, n) };
}

/** Distances from the pixels of boundary `from` to boundary `to`, ascending (∞ when `to` is empty). */
function sampleDistances(to: Uint8Array, from: Uint8Array, ws: EdtWorkspace, buf: Float32Array, box: Box): Float64Array {
  const at = setPixels(from);
  const off = queriesOff(at, to, null, ws);
  const out = new Float64Array(at.length);
  // On `to` the distance is 0, as buf is; off it, a search around each pixel within the nearest pixel
  // of `to` along the axes (a transform of the box where that would cost less).
  if (off) {
    const any = squaredEdtByRays(to, ws, buf, box, off.mask, off.list);
    ws.give(off.mask);
    if (!any) return out.fill(Infinity);
  }
  at.forEach((i, k) => (out[k] = Math.sqrt(buf[i])));
  return out.sort();
}
