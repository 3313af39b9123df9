import type { PairInput } from '../../../src/core/types';

/**
 * A value map from rows of text: '.' is 0, '#' is 1, a digit is that class. Slices of a volume are
 * separated by an empty string.
 */
export function fromRows(rows: readonly string[]): { values: Uint16Array; width: number; height: number; depth: number } {
  const slices: string[][] = [[]];
  for (const r of rows) if (r === '') slices.push([]);
  else slices[slices.length - 1].push(r);
  const height = slices[0].length;
  const width = slices[0][0].length;
  const values = Uint16Array.from(slices.flat().join(''), (ch) => (ch === '.' ? 0 : ch === '#' ? 1 : Number(ch)));
  return { values, width, height, depth: slices.length };
}

/** A binary pair from two drawings of the same size: the prediction is 1 where '#', else 0. */
export function binaryPair(gt: readonly string[], pred: readonly string[]): PairInput {
  const g = fromRows(gt);
  const p = fromRows(pred);
  const input: PairInput = { width: g.width, height: g.height, mode: 'binary', classes: 2, labels: Uint8Array.from(g.values), prob: Float32Array.from(p.values) };
  if (g.depth > 1) input.depth = g.depth;
  return input;
}

/** A multi-class pair: class maps on both sides, the prediction as one-hot [C,H,W] probabilities. */
export function classPair(gt: readonly string[], pred: readonly string[], classes: number): PairInput {
  const g = fromRows(gt);
  const p = fromRows(pred);
  const n = g.values.length;
  const prob = new Float32Array(classes * n);
  p.values.forEach((c, i) => (prob[c * n + i] = 1));
  return { width: g.width, height: g.height, mode: 'multiclass', classes, labels: Uint8Array.from(g.values), prob };
}
