/**
 * `binaryMaps` (a binary pair's class maps and confusion counts) in WebAssembly (assembly/binaryMaps.ts),
 * sixteen pixels a vector step, for byte labels and a float32 probability (nearly every pair): 0.19 →
 * 0.035 ms at 256².
 */
import { kernelScratch } from '../wasm/kernels';

/**
 * gt = label ≠ 0, pred = prob > cut, both 0 where the label is `ignore` (−1: none), into gt and pred;
 * the counts [tn, fp, fn, tp]. Undefined where the kernel cannot run.
 */
export function mapsByKernel(labels: Uint8Array, prob: Float32Array, cut: number, ignore: number, gt: Uint8Array, pred: Uint8Array): Float64Array | undefined {
  const n = labels.length;
  const s = kernelScratch({ labels: n, prob: 4 * n, gt: n, pred: n, counts: 32 });
  if (!s) return undefined;
  const { kernels, buffer, at } = s;
  new Uint8Array(buffer, at.labels, n).set(labels);
  new Float32Array(buffer, at.prob, n).set(prob);
  kernels.binaryMaps(at.labels, at.prob, n, float32Below(cut), ignore, at.gt, at.pred, at.counts);
  gt.set(new Uint8Array(buffer, at.gt, n));
  pred.set(new Uint8Array(buffer, at.pred, n));
  return new Float64Array(buffer.slice(at.counts, at.counts + 32));
}

const F32 = new Float32Array(1);
const BITS = new Int32Array(F32.buffer);

/**
 * The largest float32 not above x. For a float32 p, p > x (in float64) exactly when p > float32Below(x):
 * no float32 lies strictly between the two.
 */
export function float32Below(x: number): number {
  F32[0] = x;
  if (F32[0] <= x || Number.isNaN(x)) return F32[0];
  // Rounded up: one step toward −∞ (for +0, the negative float32 closest to zero).
  BITS[0] = F32[0] > 0 ? BITS[0] - 1 : F32[0] === 0 ? 0x80000001 | 0 : BITS[0] + 1;
  return F32[0];
}
