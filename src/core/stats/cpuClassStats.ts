import { boundary, EdtWorkspace, squaredEdtInto, twoSidedSquaredEdt } from '../distance/edt';
import { LovaszAccumulator, positiveFloatKey, radixSortDescending } from './lovasz';
import { PixelSumAccumulator, logit, pixelCe, powerFn } from './pixelTerms';
import type { ClassStats, FieldSums, PixelSums, SumParams, SurfaceDistances } from './types';

/** Probabilities that are exactly `values[i] / levels` (a grey PNG): sums then run over a histogram. */
export interface ProbCodes {
  values: Uint8Array | Uint16Array;
  levels: number;
}

/** One binary problem (p, y) of a pair, with ignored pixels already set to background in y and hard. */
export interface ClassView {
  width: number;
  height: number;
  p: Float32Array | Float64Array;
  codes?: ProbCodes;
  y: Uint8Array;
  /** Hard prediction: p > threshold, or argmax == class. */
  hard: Uint8Array;
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

  constructor(
    readonly view: ClassView,
    readonly params: SumParams,
    private readonly ws: EdtWorkspace,
  ) {}

  get sums(): PixelSums {
    return (this.cachedSums ??= this.computeSums());
  }

  get fields(): FieldSums {
    return (this.cachedFields ??= this.computeFields());
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
      hard: twoSidedSquaredEdt(this.view.hard, this.ws),
    });
  }

  private computeSums(): PixelSums {
    const { p, y, hard, valid, codes } = this.view;
    const acc = new PixelSumAccumulator(this.params);
    let hardP = 0;
    let hardTp = 0;
    if (codes) {
      const { values, levels } = codes;
      const h0 = new Float64Array(levels + 1);
      const h1 = new Float64Array(levels + 1);
      for (let i = 0; i < y.length; i++) {
        if (valid && !valid[i]) continue;
        if (y[i]) h1[values[i]]++;
        else h0[values[i]]++;
        if (hard[i]) {
          hardP++;
          hardTp += y[i];
        }
      }
      for (let k = 0; k <= levels; k++) {
        const pk = k / levels;
        if (h1[k]) acc.addPositive(pk, h1[k]);
        if (h0[k]) acc.addNegative(pk, h0[k]);
      }
    } else {
      for (let i = 0; i < y.length; i++) {
        if (valid && !valid[i]) continue;
        if (y[i]) acc.addPositive(p[i], 1);
        else acc.addNegative(p[i], 1);
        if (hard[i]) {
          hardP++;
          hardTp += y[i];
        }
      }
    }
    acc.s.hardP = hardP;
    acc.s.hardTp = hardTp;
    return acc.s;
  }

  private computeFields(): FieldSums {
    const { p, y, hard, valid } = this.view;
    const { y: dy, hard: dp } = this.distances;
    const n = y.length;
    // Φ normalises by the largest distance on each side; d_m ≡ 0 for an empty or full mask.
    let maxIn = 0;
    let maxOut = 0;
    let yCount = 0;
    let pCount = 0;
    for (let i = 0; i < n; i++) {
      if (y[i]) {
        yCount++;
        if (dy[i] > maxIn) maxIn = dy[i];
      } else if (dy[i] > maxOut) maxOut = dy[i];
      pCount += hard[i];
    }
    maxIn = Math.sqrt(maxIn);
    maxOut = Math.sqrt(maxOut);
    const yEdges = yCount > 0 && yCount < n ? 1 : 0;
    const pEdges = pCount > 0 && pCount < n ? 1 : 0;
    const yEmpty = yCount === 0;
    const alpha = this.params.hausdorffAlpha;
    // d^α from the squared distance s: s^(α/2).
    const powHalf = powerFn(alpha / 2);
    let dpce = 0;
    let hdt = 0;
    let bnd = 0;
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) continue;
      const pi = p[i];
      const yi = y[i];
      const d = Math.sqrt(dy[i]);
      let phi: number;
      let signed: number;
      if (yi) {
        phi = maxIn > 0 ? 1 - d / maxIn : 0;
        signed = 1 - d;
      } else {
        phi = maxOut > 0 ? 1 - d / maxOut : 0;
        signed = d;
      }
      dpce += (1 + phi) * pixelCe(pi, yi);
      if (!yEmpty) bnd += pi * signed;
      const diff = pi - yi;
      if (diff !== 0) hdt += diff * diff * (pEdges * powHalf(dp[i]) + yEdges * powHalf(dy[i]));
    }
    return { distancePenalizedCe: dpce, hausdorffDt: hdt, boundary: bnd };
  }

  private computeSurface(): SurfaceDistances {
    const { width, height, y, hard } = this.view;
    const bG = boundary(y, width, height);
    const bP = boundary(hard, width, height);
    const buf = new Float32Array(y.length);
    const predToGt = this.sampleDistances(bG, bP, buf);
    buf.fill(0);
    const gtToPred = this.sampleDistances(bP, bG, buf);
    return { predToGt, gtToPred };
  }

  /** Distances from the pixels of boundary `from` to boundary `to`, ascending. */
  private sampleDistances(to: Uint8Array, from: Uint8Array, buf: Float32Array): Float64Array {
    let count = 0;
    for (let i = 0; i < from.length; i++) count += from[i];
    const out = new Float64Array(count);
    if (!squaredEdtInto(to, 1, this.ws, buf)) return out.fill(Infinity);
    let k = 0;
    for (let i = 0; i < from.length; i++) if (from[i]) out[k++] = Math.sqrt(buf[i]);
    return out.sort();
  }

  private computeLovasz(): number {
    const { p, y, valid, codes } = this.view;
    const acc = new LovaszAccumulator(this.sums.sumY);
    if (codes) {
      // Positives' errors 1 − x fall as the code rises, negatives' 1 + x rise: merge two sorted runs.
      const { values, levels } = codes;
      const h0 = new Float64Array(levels + 1);
      const h1 = new Float64Array(levels + 1);
      for (let i = 0; i < y.length; i++) {
        if (valid && !valid[i]) continue;
        if (y[i]) h1[values[i]]++;
        else h0[values[i]]++;
      }
      let a = 0;
      let b = levels;
      for (;;) {
        while (a <= levels && !h1[a]) a++;
        while (b >= 0 && !h0[b]) b--;
        const e1 = a <= levels ? 1 - logit(a / levels) : -Infinity;
        const e0 = b >= 0 ? 1 + logit(b / levels) : -Infinity;
        const e = Math.max(e1, e0);
        if (e <= 0) break;
        const pos = e1 === e ? h1[a] : 0;
        const neg = e0 === e ? h0[b] : 0;
        acc.add(e, pos, neg);
        if (pos) a++;
        if (neg) b--;
      }
      return acc.total;
    }
    let m = 0;
    const err = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      if (valid && !valid[i]) continue;
      const x = logit(p[i]);
      const e = y[i] ? 1 - x : 1 + x;
      err[i] = e;
      if (e > 0) m++;
    }
    const keys = new Uint32Array(m);
    const index = new Uint32Array(m);
    m = 0;
    for (let i = 0; i < y.length; i++) {
      if ((valid && !valid[i]) || !(err[i] > 0)) continue;
      keys[m] = positiveFloatKey(err[i]);
      index[m++] = i;
    }
    for (const i of radixSortDescending(keys, index)) acc.add(err[i], y[i], 1 - y[i]);
    return acc.total;
  }
}

