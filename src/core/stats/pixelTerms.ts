/** Per-pixel primitives shared by the term declarations (terms/) and the other per-pixel passes. */
import { pow } from './fastMath';
import { P_MAX, P_MIN } from './types';

export const clampP = (p: number): number => (p < P_MIN ? P_MIN : p > P_MAX ? P_MAX : p);

const one = (): number => 1;
const same = (x: number): number => x;
const square = (x: number): number => x * x;
/** The function of each other exponent met, made once; a few dozen at most (a slider dragged in the view makes many). */
const powers = new Map<number, (x: number) => number>();
const MAX_POWERS = 32;

/**
 * x^γ with the common integer exponents as products: pow is the slowest step of a pixel pass. One
 * function per exponent for the whole run: the pixel loops' optimised code inlines the very function
 * it saw, and a new one for every pair would throw that code away ("wrong call target").
 */
export function powerFn(gamma: number): (x: number) => number {
  if (gamma === 0) return one;
  if (gamma === 1) return same;
  if (gamma === 2) return square;
  let f = powers.get(gamma);
  if (!f) {
    if (powers.size >= MAX_POWERS) powers.clear();
    f = (x) => pow(x, gamma);
    powers.set(gamma, f);
  }
  return f;
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
