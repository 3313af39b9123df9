import { describe, expect, it } from 'vitest';
import { classViews, computePair, cpuStats, evaluateClasses, resolveOptions } from '../../src/core/engine';
import { CpuClassStats } from '../../src/core/stats/cpuClassStats';
import { EdtWorkspace } from '../../src/core/distance/edt';
import type { PairInput } from '../../src/core/types';
import { rng } from '../helpers/random';

/** Labels 0, 1 and a stray `stray` (so `stray + 1` classes, most of them absent); a one-hot prediction. */
function strayLabelPair(stray: number, w = 20, h = 16): PairInput {
  const r = rng(7);
  const n = w * h;
  const labels = new Uint8Array(n).map((_, i) => (Math.hypot((i % w) - 9, Math.floor(i / w) - 8) < 5 ? 1 : 0));
  labels[n - 1] = stray;
  const C = stray + 1;
  const prob = new Float32Array(C * n);
  for (let i = 0; i < n; i++) prob[(r() < 0.9 ? labels[i]! : 1 - Math.min(1, labels[i]!)) * n + i] = 1;
  return { width: w, height: h, mode: 'multiclass', classes: C, labels, prob };
}

describe('classes in neither mask cost one class, not one each', () => {
  const input = strayLabelPair(200);

  it('every absent class shares one view and one set of statistics', () => {
    const stats = cpuStats(input, resolveOptions());
    expect(stats).toHaveLength(201);
    // Classes 0, 1 and 200, and one shared empty problem for the 198 others.
    expect(new Set(stats).size).toBe(4);
  });

  it('the numbers are those of every class computed on its own', () => {
    const o = resolveOptions();
    const ws = new EdtWorkspace({ width: input.width, height: input.height, sx: 1, sy: 1 });
    // Each view's own statistics, none shared: the reference.
    const alone = classViews(input, o.threshold).map((v) => new CpuClassStats({ ...v }, o.sumParams, ws));
    expect(computePair(input)).toEqual(evaluateClasses(alone, o));
  });
});
