/**
 * 3-D Hausdorff witnesses against brute force on small random volumes with anisotropic voxels: the
 * boundaries, every directed distance and the percentiles are recomputed here from their definitions.
 */
import { describe, expect, it } from 'vitest';
import { computePair } from '../../src/core/engine';
import { volumeWitnesses, type VolumeWitness, type Voxel } from '../../src/core/metrics/witnesses3d';
import type { PresetId } from '../../src/core/types';
import { rng } from '../helpers/random';

interface Case {
  w: number;
  h: number;
  d: number;
  s: [number, number, number];
  y: Uint8Array;
  p: Uint8Array;
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  const w = 2 + Math.floor(r() * 9);
  const h = 2 + Math.floor(r() * 9);
  const d = 2 + Math.floor(r() * 7);
  const s: [number, number, number] = [0.3 + r() * 2, 0.3 + r() * 2, 0.5 + r() * 3];
  const n = w * h * d;
  // Ground truth: a random blob density; prediction: the ground truth with a share of voxels flipped.
  const density = 0.15 + r() * 0.6;
  const flip = r() * 0.4;
  const y = Uint8Array.from({ length: n }, () => (r() < density ? 1 : 0));
  const p = Uint8Array.from(y, (v) => (r() < flip ? 1 - v : v));
  return { w, h, d, s, y, p };
}

const at = (c: Case, i: number): Voxel => [i % c.w, Math.floor(i / c.w) % c.h, Math.floor(i / (c.w * c.h))];
const dist = (c: Case, a: Voxel, b: Voxel) => Math.hypot((a[0] - b[0]) * c.s[0], (a[1] - b[1]) * c.s[1], (a[2] - b[2]) * c.s[2]);

/** Voxels of the mask with one of their 6 neighbours outside it or off the volume. */
function boundaryList(c: Case, m: Uint8Array): Voxel[] {
  const inside = (x: number, y: number, z: number) => x >= 0 && y >= 0 && z >= 0 && x < c.w && y < c.h && z < c.d && m[(z * c.h + y) * c.w + x] === 1;
  const out: Voxel[] = [];
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const [x, y, z] = at(c, i);
    const steps: Voxel[] = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
    if (steps.some(([a, b, e]) => !inside(x + a, y + b, z + e))) out.push([x, y, z]);
  }
  return out;
}

const nearestDistance = (c: Case, v: Voxel, to: Voxel[]) => Math.min(...to.map((t) => dist(c, v, t)));
const has = (list: Voxel[], v: Voxel) => list.some((u) => u[0] === v[0] && u[1] === v[1] && u[2] === v[2]);

/** numpy's linear percentile of an ascending list. */
function percentile(sorted: number[], q: number): number {
  const h = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** `w` is a true witness: `from` on its boundary, `to` the nearest voxel of the other one, at `w.distance`. */
function expectWitness(c: Case, w: VolumeWitness, bG: Voxel[], bP: Voxel[], distance: number): void {
  const [from, to] = w.direction === 'predToGt' ? [bP, bG] : [bG, bP];
  expect(has(from, w.from), `from ${w.from}`).toBe(true);
  expect(has(to, w.to), `to ${w.to}`).toBe(true);
  expect(w.distance).toBeCloseTo(distance, 5);
  expect(nearestDistance(c, w.from, to)).toBeCloseTo(distance, 5);
  expect(dist(c, w.from, w.to)).toBeCloseTo(distance, 5);
}

const SEEDS = Array.from({ length: 40 }, (_, k) => k + 1);

describe('3-D Hausdorff witnesses', () => {
  it.each(SEEDS)('seed %i: HD and HD95 witnesses are the brute-force ones (paper, q 95 and 80)', (seed) => {
    const c = randomCase(seed);
    const bG = boundaryList(c, c.y);
    const bP = boundaryList(c, c.p);
    const grid = { width: c.w, height: c.h, depth: c.d, spacing: c.s };
    for (const q of [95, 80]) {
      const ws = volumeWitnesses(c.y, c.p, grid, { preset: 'paper', hdPercentile: q });
      if (!bG.length || !bP.length) {
        expect(ws).toEqual([]);
        continue;
      }
      const pg = bP.map((v) => nearestDistance(c, v, bG)).sort((a, b) => a - b);
      const gp = bG.map((v) => nearestDistance(c, v, bP)).sort((a, b) => a - b);
      const hd = Math.max(pg[pg.length - 1], gp[gp.length - 1]);
      expect(ws.map((w) => w.metric)).toEqual(['hd', 'hd95']);
      expectWitness(c, ws[0], bG, bP, hd);
      // HD95: the direction with the larger percentile, at the order statistic just at or above it.
      const [a, b] = [percentile(pg, q), percentile(gp, q)];
      const list = ws[1].direction === 'predToGt' ? pg : gp;
      if (Math.abs(a - b) > 1e-6) expect(ws[1].direction).toBe(b > a ? 'gtToPred' : 'predToGt');
      const k = Math.ceil(((list.length - 1) * q) / 100);
      expectWitness(c, ws[1], bG, bP, list[k]);
      expect(ws[1].distance).toBeGreaterThanOrEqual(Math.max(a, b) - 1e-5);
    }
  });

  it.each(SEEDS.slice(0, 15))('seed %i: preset medpy ranks both directions pooled', (seed) => {
    const c = randomCase(seed);
    const bG = boundaryList(c, c.y);
    const bP = boundaryList(c, c.p);
    if (!bG.length || !bP.length) return expect(volumeWitnesses(c.y, c.p, { width: c.w, height: c.h, depth: c.d, spacing: c.s }, { preset: 'medpy' })).toEqual([]);
    const pooled = [...bP.map((v) => nearestDistance(c, v, bG)), ...bG.map((v) => nearestDistance(c, v, bP))].sort((a, b) => a - b);
    const [, w95] = volumeWitnesses(c.y, c.p, { width: c.w, height: c.h, depth: c.d, spacing: c.s }, { preset: 'medpy' });
    expectWitness(c, w95, bG, bP, pooled[Math.ceil(((pooled.length - 1) * 95) / 100)]);
  });

  it.each(SEEDS.slice(0, 10))('seed %i: the HD witness is at the distance the engine reports as hd', (seed) => {
    const c = randomCase(seed);
    const grid = { width: c.w, height: c.h, depth: c.d, spacing: c.s };
    const ws = volumeWitnesses(c.y, c.p, grid, { preset: 'paper' as PresetId });
    const r = computePair(
      { width: c.w, height: c.h, depth: c.d, mode: 'binary', classes: 2, labels: c.y, prob: Float32Array.from(c.p) },
      { spacing: c.s, metrics: ['hd'], losses: [] },
    );
    if (r.metrics.hd.status !== 'ok') return expect(ws).toEqual([]);
    expect(ws[0].distance).toBeCloseTo(r.metrics.hd.value as number, 9);
  });

  it('finds a lone far voxel across slices, with the slice spacing counted', () => {
    // 4×4×6 voxels of 1 × 1 × 2.5 mm: the ground truth a 2×2×2 cube at z 0–1; the prediction the cube
    // and one stray voxel at (3, 3, 5), 4 slices above the cube's top: sqrt(1 + 1 + (4·2.5)²) mm away.
    const w = 4;
    const h = 4;
    const d = 6;
    const y = new Uint8Array(w * h * d);
    for (let z = 0; z < 2; z++) for (let yy = 1; yy < 3; yy++) for (let x = 1; x < 3; x++) y[(z * h + yy) * w + x] = 1;
    const p = Uint8Array.from(y);
    p[(5 * h + 3) * w + 3] = 1;
    const [hd] = volumeWitnesses(y, p, { width: w, height: h, depth: d, spacing: [1, 1, 2.5] }, { preset: 'paper' });
    expect(hd).toEqual({ metric: 'hd', direction: 'predToGt', from: [3, 3, 5], to: [2, 2, 1], distance: Math.sqrt(2 + 100) });
  });
});
