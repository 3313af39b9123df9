import { describe, expect, it } from 'vitest';
import { findWitnesses } from '../../webview/engine/witnesses';

describe('the HD95 witness follows the HD percentile setting', () => {
  // One row: ground truth at x=0, prediction at x=0..4. D(P→G) = [0 1 2 3 4] (indices 0..4), D(G→P) = [0].
  const predToGt = { index: Uint32Array.of(0, 1, 2, 3, 4), dist: Float64Array.of(0, 1, 2, 3, 4) };
  const gtToPred = { index: Uint32Array.of(0), dist: Float64Array.of(0) };

  it('95 (default): the pixel at or just above the 95th percentile; 50: the median one', () => {
    const at = (q?: number) => findWitnesses(predToGt, gtToPred, 8, [1, 1], 'paper', q).find((w) => w.metric === 'hd95')?.from;
    expect(at()).toEqual([4, 0]);
    expect(at(50)).toEqual([2, 0]);
  });
});
