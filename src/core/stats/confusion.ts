import { argmaxAt } from '../argmax';
import type { PairInput } from '../types';

/** Hard confusion counts of one binary problem, exact integers over the valid (not ignored) pixels. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Rows = ground-truth class, columns = predicted class; `matrix[g][p]` pixels. */
export type ConfusionMatrix = number[][];

export const zeroMatrix = (classes: number): ConfusionMatrix => Array.from({ length: classes }, () => new Array<number>(classes).fill(0));

/**
 * The confusion matrix of a pair with the engine's hard prediction: p > threshold for a binary pair
 * (2×2, class 1 = foreground), argmax (first maximum on ties) for a multi-class pair. Ignored pixels are
 * left out. Works on any number of pixels per channel (`labels.length`), whatever the image's shape.
 */
export function confusionMatrix(input: PairInput, threshold: number): ConfusionMatrix {
  const { labels, prob, ignoreIndex } = input;
  const n = labels.length;
  const C = input.mode === 'binary' ? 2 : input.classes;
  // Flat counts: one integer increment per pixel, no allocation.
  const flat = new Float64Array(C * C);
  for (let i = 0; i < n; i++) {
    const g = labels[i];
    if (g === ignoreIndex) continue;
    const p = input.mode === 'binary' ? (prob[i] > threshold ? 1 : 0) : argmaxAt(prob, C, n, i);
    flat[(input.mode === 'binary' ? (g ? 1 : 0) : g) * C + p]++;
  }
  const m = zeroMatrix(C);
  for (let g = 0; g < C; g++) for (let p = 0; p < C; p++) m[g][p] = flat[g * C + p];
  return m;
}

/** Class c of a confusion matrix as a binary problem (one against the rest). */
export function countsOf(m: ConfusionMatrix, c: number): Counts {
  let row = 0;
  let col = 0;
  let total = 0;
  for (let g = 0; g < m.length; g++)
    for (let p = 0; p < m.length; p++) {
      const v = m[g][p];
      total += v;
      if (g === c) row += v;
      if (p === c) col += v;
    }
  const tp = m[c]?.[c] ?? 0;
  return { tp, fp: col - tp, fn: row - tp, tn: total - row - col + tp };
}

/** Adds `m` into `into`, growing `into` when `m` has more classes. */
export function addMatrix(into: ConfusionMatrix, m: ConfusionMatrix): ConfusionMatrix {
  let out = into;
  if (m.length > out.length) {
    out = zeroMatrix(m.length);
    into.forEach((row, g) => row.forEach((v, p) => (out[g][p] = v)));
  }
  m.forEach((row, g) => row.forEach((v, p) => (out[g][p] += v)));
  return out;
}
