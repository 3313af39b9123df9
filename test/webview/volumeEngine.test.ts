/**
 * The slice viewer's engine on small anisotropic volumes: whole-volume numbers equal the core's
 * `computePair`, a loss parameter re-sums without recomputing distance fields, the signed distance is
 * the exact 3-D one (brute force, spacing counted), and each heat map averages to its loss.
 */
import { describe, expect, it } from 'vitest';
import { computePair, resolveOptions } from '../../src/core/engine';
import type { PairInput } from '../../src/core/types';
import { MAP_LOSSES } from '../../webview/engine/pixelLoss';
import { VolumeEngine } from '../../webview/volume/volumeEngine';
import { rng } from '../helpers/random';

const [W, H, D] = [9, 7, 6];
const SPACING: [number, number, number] = [0.7, 1.1, 2.5];
const N = W * H * D;
const at = (i: number) => [i % W, Math.floor(i / W) % H, Math.floor(i / (W * H))] as const;
const ellipsoid = (i: number, cx: number, r: number) => {
  const [x, y, z] = at(i);
  return Math.hypot((x - cx) / r, (y - 3) / (r * 0.8), (z - 2.5) / 2);
};

function binaryPair(seed: number): PairInput & { depth: number } {
  const r = rng(seed);
  const labels = Uint8Array.from({ length: N }, (_, i) => (ellipsoid(i, 4, 3) < 1 ? 1 : 0));
  const prob = Float32Array.from({ length: N }, (_, i) => Math.min(1, Math.max(0, 1 / (1 + Math.exp(5 * (ellipsoid(i, 4.6, 3) - 1))) + (r() - 0.5) * 0.3)));
  return { width: W, height: H, depth: D, mode: 'binary', classes: 2, labels, prob };
}

function threeClassPair(seed: number): PairInput & { depth: number } {
  const r = rng(seed);
  const labels = Uint8Array.from({ length: N }, (_, i) => (ellipsoid(i, 3, 2) < 1 ? 1 : ellipsoid(i, 6.5, 2) < 1 ? 2 : 0));
  const prob = new Float32Array(3 * N);
  for (let i = 0; i < N; i++) {
    const e = [1 + r(), labels[i] === 1 ? 2 + r() : r() * 2, labels[i] === 2 ? 2 + r() : r() * 2].map(Math.exp);
    const sum = e[0] + e[1] + e[2];
    for (let c = 0; c < 3; c++) prob[c * N + i] = e[c] / sum;
  }
  return { width: W, height: H, depth: D, mode: 'multiclass', classes: 3, labels, prob, ignoreIndex: 255 };
}

const options = (extra: Parameters<typeof resolveOptions>[0] = {}) => resolveOptions({ spacing: SPACING, ...extra });

describe('slice viewer engine', () => {
  it.each([
    ['binary', binaryPair(1)],
    ['three classes', threeClassPair(2)],
  ])('gives the core’s whole-volume numbers (%s)', (_, input) => {
    const engine = new VolumeEngine(input, SPACING);
    expect(engine.evaluate(options())).toEqual(computePair(input, { spacing: SPACING }));
  });

  it('re-sums on a parameter change and keeps the distance fields; a new threshold recomputes them', () => {
    const input = binaryPair(3);
    const engine = new VolumeEngine(input, SPACING);
    const first = engine.evaluate(options());
    const fields = engine.distances(1, options());
    const params = { focal: { gamma: 3.5 }, 'hausdorff-dt': { alpha: 1 }, 'exp-log': { ceGamma: 0.7 } };
    const changed = engine.evaluate(options({ params }));
    expect(engine.fieldRuns).toBe(1);
    expect(engine.distances(1, options({ params })).y).toBe(fields.y);
    expect(changed).toEqual(computePair(input, { spacing: SPACING, params }));
    expect(changed.losses.focal).not.toEqual(first.losses.focal);
    expect(changed.losses['hausdorff-dt']).not.toEqual(first.losses['hausdorff-dt']);
    // A preset or percentile changes the evaluation only.
    expect(engine.evaluate(options({ preset: 'medpy', hdPercentile: 80 }))).toEqual(computePair(input, { spacing: SPACING, preset: 'medpy', hdPercentile: 80 }));
    expect(engine.fieldRuns).toBe(1);
    expect(engine.evaluate(options({ threshold: 0.3 }))).toEqual(computePair(input, { spacing: SPACING, threshold: 0.3 }));
    expect(engine.fieldRuns).toBe(2);
  });

  it('gives the exact 3-D signed distance of the ground truth, in mm (brute force)', () => {
    const input = binaryPair(4);
    const sdf = new VolumeEngine(input, SPACING).signedDistance(1, options());
    const dist = (i: number, j: number) => {
      const [a, b] = [at(i), at(j)];
      return Math.hypot((a[0] - b[0]) * SPACING[0], (a[1] - b[1]) * SPACING[1], (a[2] - b[2]) * SPACING[2]);
    };
    let acrossSlices = 0;
    for (let i = 0; i < N; i++) {
      // Inside: to the nearest background voxel; outside: to the nearest ground-truth voxel.
      let best = Infinity;
      let bestSameSlice = Infinity;
      for (let j = 0; j < N; j++) {
        if (input.labels[j] === input.labels[i]) continue;
        const d = dist(i, j);
        best = Math.min(best, d);
        if (at(j)[2] === at(i)[2]) bestSameSlice = Math.min(bestSameSlice, d);
      }
      expect(sdf[i], `voxel ${at(i)}`).toBeCloseTo(input.labels[i] ? -best : best, 5);
      if (best < bestSameSlice - 1e-9) acrossSlices++;
    }
    // The case is one a per-slice transform gets wrong: many voxels' nearest point is on another slice.
    expect(acrossSlices).toBeGreaterThan(20);
  });

  it('has heat maps whose mean over the valid voxels is the loss (binary, and a class of a multi-class pair)', () => {
    const cases: Array<[PairInput & { depth: number }, number]> = [[binaryPair(5), 1], [threeClassPair(6), 2]];
    for (const [input, c] of cases) {
      const engine = new VolumeEngine(input, SPACING);
      const o = options({ params: { focal: { gamma: 1.5 } } });
      const r = engine.evaluate(o);
      const values = input.mode === 'binary' ? r : r.perClass![String(c)];
      for (const id of MAP_LOSSES) {
        const map = engine.heatMap(id, c, o);
        let sum = 0;
        for (const v of map) sum += v;
        const t = values.losses[id];
        expect(t.status, id).toBe('ok');
        expect(sum / N, `${input.mode} ${id}`).toBeCloseTo(t.value as number, 5);
      }
    }
  });

  it('takes a one-slice volume: the image’s numbers, witnesses on slice 0', () => {
    const r = rng(8);
    const [w, h] = [12, 9];
    const labels = Uint8Array.from({ length: w * h }, (_, i) => (Math.hypot((i % w) - 5, Math.floor(i / w) - 4) < 3.2 ? 1 : 0));
    const prob = Float32Array.from(labels, (y) => (y ? 0.6 + 0.4 * r() : 0.55 * r()));
    const image: PairInput = { width: w, height: h, mode: 'binary', classes: 2, labels, prob };
    const engine = new VolumeEngine({ ...image, depth: 1 }, [0.5, 1.5, 3]);
    expect(engine.evaluate(resolveOptions({ spacing: [0.5, 1.5, 3] }))).toEqual(computePair(image, { spacing: [0.5, 1.5] }));
    const ws = engine.witnesses(1, resolveOptions({ spacing: [0.5, 1.5, 3] }));
    expect(ws.map((x) => [x.from[2], x.to[2]])).toEqual([[0, 0], [0, 0]]);
  });

  it('gives witnesses at the engine’s HD', () => {
    const input = binaryPair(7);
    const engine = new VolumeEngine(input, SPACING);
    const [hd] = engine.witnesses(1, options());
    expect(hd.distance).toBeCloseTo(engine.evaluate(options()).metrics.hd.value as number, 9);
  });
});
