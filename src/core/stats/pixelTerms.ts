import { P_MAX, P_MIN, type PixelSums, type SumParams } from './types';

export const clampP = (p: number): number => (p < P_MIN ? P_MIN : p > P_MAX ? P_MAX : p);

/** x^γ with the common integer exponents as products: pow is the slowest step of a pixel pass. */
export function powerFn(gamma: number): (x: number) => number {
  if (gamma === 0) return () => 1;
  if (gamma === 1) return (x) => x;
  if (gamma === 2) return (x) => x * x;
  return (x) => Math.pow(x, gamma);
}

/**
 * Accumulates the sums of `PixelSums` one pixel value at a time (with a multiplicity, so a
 * histogram of quantised probabilities goes through the very same definition as raw pixels).
 */
export class PixelSumAccumulator {
  readonly s: PixelSums = {
    n: 0, sumP: 0, sumY: 0, tp: 0, cePos: 0, ceNeg: 0, focalPos: 0, focalNeg: 0,
    sqErrPos: 0, sqErrNeg: 0, expLogPos: 0, expLogNeg: 0, hardP: 0, hardTp: 0,
  };
  private readonly focalPow: (x: number) => number;
  private readonly expLogPow: (x: number) => number;
  constructor(params: SumParams) {
    this.focalPow = powerFn(params.focalGamma);
    this.expLogPow = powerFn(params.expLogCeGamma);
  }

  addPositive(p: number, count: number): void {
    const s = this.s;
    const q = clampP(p);
    const lq = -Math.log(q);
    s.n += count;
    s.sumP += p * count;
    s.sumY += count;
    s.tp += p * count;
    s.cePos += lq * count;
    s.focalPos += this.focalPow(1 - q) * lq * count;
    s.sqErrPos += (1 - p) * (1 - p) * count;
    s.expLogPos += this.expLogPow(lq) * count;
  }

  addNegative(p: number, count: number): void {
    const s = this.s;
    // ln(1 − q) as ln(clip(1 − p)): in float32, 1 − (1 − 1e-7) is not 1e-7.
    const l0 = -Math.log(clampP(1 - p));
    s.n += count;
    s.sumP += p * count;
    s.ceNeg += l0 * count;
    s.focalNeg += this.focalPow(clampP(p)) * l0 * count;
    s.sqErrNeg += p * p * count;
    s.expLogNeg += this.expLogPow(l0) * count;
  }
}

/** Per-pixel cross-entropy of a pixel, as in the sums above. */
export const pixelCe = (p: number, y: number): number => (y ? -Math.log(clampP(p)) : -Math.log(clampP(1 - p)));

/** Logit of the clipped probability, the input of the Lovász hinge. */
export const logit = (p: number): number => {
  const q = clampP(p);
  return Math.log(q) - Math.log(clampP(1 - p));
};

/** What the distance-based per-pixel terms normalise by, over every pixel of the image. */
export interface FieldScalars {
  /** Largest distance inside y, and outside it. */
  maxIn: number;
  maxOut: number;
  /** 1 when the mask has both sides (its d_m is not ≡ 0). */
  yEdges: 0 | 1;
  pEdges: 0 | 1;
  yEmpty: boolean;
}

/** The scalars of `FieldScalars` from y, the hard prediction and y's two-sided squared distances. */
export function fieldScalars(y: Uint8Array, hard: Uint8Array, dy2: Float32Array): FieldScalars {
  let maxIn = 0;
  let maxOut = 0;
  let yCount = 0;
  let pCount = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i]) {
      yCount++;
      if (dy2[i] > maxIn) maxIn = dy2[i];
    } else if (dy2[i] > maxOut) maxOut = dy2[i];
    pCount += hard[i];
  }
  return fieldScalarsFrom(maxIn, maxOut, yCount, pCount, y.length);
}

export function fieldScalarsFrom(maxIn2: number, maxOut2: number, yCount: number, pCount: number, n: number): FieldScalars {
  return {
    maxIn: Math.sqrt(maxIn2),
    maxOut: Math.sqrt(maxOut2),
    yEdges: yCount > 0 && yCount < n ? 1 : 0,
    pEdges: pCount > 0 && pCount < n ? 1 : 0,
    yEmpty: yCount === 0,
  };
}

/** 1 + Φ of distance-penalized-ce at a pixel (the factor of its cross-entropy); `d` = √dy2. */
export function distancePenalty(y: number, d: number, f: FieldScalars): number {
  const max = y ? f.maxIn : f.maxOut;
  return 1 + (max > 0 ? 1 - d / max : 0);
}

/** (p − y)² (d_P^α + d_y^α) of hausdorff-dt, with `powHalf` = s ↦ s^(α/2) applied to squared distances. */
export function hausdorffDtTerm(p: number, y: number, dy2: number, dp2: number, f: FieldScalars, powHalf: (s: number) => number): number {
  const diff = p - y;
  return diff === 0 ? 0 : diff * diff * (f.pEdges * powHalf(dp2) + f.yEdges * powHalf(dy2));
}

/** p·φ of the boundary loss: φ = EDT(¬y) outside, −(EDT(y) − 1) inside, ≡ 0 for an empty y; `d` = √dy2. */
export function boundaryTerm(p: number, y: number, d: number, f: FieldScalars): number {
  if (f.yEmpty) return 0;
  return p * (y ? 1 - d : d);
}
