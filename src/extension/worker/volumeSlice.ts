/**
 * What a thumbnail shows of a volume pair: its busiest slice (the most ground-truth or predicted
 * foreground), as a 2-D pair. Pure: typed arrays in and out.
 */
import type { PairInput } from '../../core/types';

/** Slice `z` of a volume pair as an image pair (channels stay channel-major). */
export function sliceOf(input: PairInput, z: number): PairInput {
  const plane = input.width * input.height;
  const n = plane * (input.depth ?? 1);
  const at = z * plane;
  const channels = input.mode === 'binary' ? 1 : input.classes;
  const prob = channels === 1 ? input.prob.subarray(at, at + plane) : new Float32Array(channels * plane);
  if (channels > 1) for (let c = 0; c < channels; c++) prob.set(input.prob.subarray(c * n + at, c * n + at + plane), c * plane);
  const slice: PairInput = { ...input, depth: 1, labels: input.labels.subarray(at, at + plane), prob };
  if (input.probCodes) slice.probCodes = { ...input.probCodes, values: input.probCodes.values.subarray(at, at + plane) };
  return slice;
}

/** The slice with the most voxels labelled or predicted foreground (class 0 is background). */
export function busiestSlice(input: PairInput, threshold: number): number {
  const plane = input.width * input.height;
  const depth = input.depth ?? 1;
  let best = 0;
  let bestCount = -1;
  for (let z = 0; z < depth; z++) {
    let count = 0;
    for (let i = z * plane; i < (z + 1) * plane; i++) {
      const label = input.labels[i]!;
      const labelled = label !== 0 && label !== input.ignoreIndex;
      // Multi-class: predicted foreground where background is not the likely class.
      const predicted = input.mode === 'binary' ? input.prob[i]! > threshold : input.prob[i]! < 1 - threshold;
      if (labelled || predicted) count++;
    }
    if (count > bestCount) {
      bestCount = count;
      best = z;
    }
  }
  return best;
}
