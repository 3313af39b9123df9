/**
 * Surface distances read from the two-sided distance fields (when the field sums already computed
 * them) equal those of a transform per boundary, on random masks of every density, touching the
 * image's edges, with anisotropic pixels.
 */
import { describe, expect, it } from 'vitest';
import { EdtWorkspace } from '../../src/core/distance/edt';
import { resolveOptions } from '../../src/core/engine';
import { CpuClassStats, type ClassView } from '../../src/core/stats/cpuClassStats';
import { rng } from '../helpers/random';

function randomView(seed: number): { view: ClassView; sx: number; sy: number } {
  const r = rng(seed);
  const width = 3 + Math.floor(r() * 40);
  const height = 3 + Math.floor(r() * 40);
  const n = width * height;
  // Blobs (so boundaries have insides) plus salt, at densities from empty to full.
  const blobs = (k: number) => Array.from({ length: k }, () => ({ x: r() * width, y: r() * height, rad: r() * 12 }));
  const draw = (bs: ReturnType<typeof blobs>, salt: number) =>
    Uint8Array.from({ length: n }, (_, i) => (bs.some((b) => Math.hypot((i % width) - b.x, Math.floor(i / width) - b.y) < b.rad) || r() < salt ? 1 : 0));
  const y = draw(blobs(Math.floor(r() * 4)), seed % 3 === 0 ? 0 : 0.05 * r());
  const hard = seed % 7 === 0 ? new Uint8Array(n).fill(1) : draw(blobs(Math.floor(r() * 4)), 0.05 * r());
  const p = Float32Array.from(hard, (h) => (h ? 0.8 : 0.2));
  return { view: { width, height, p, y, hard, valid: null }, sx: 0.3 + 2 * r(), sy: 0.3 + 2 * r() };
}

describe('surface distances from the distance fields', () => {
  it.each(Array.from({ length: 40 }, (_, k) => k + 1))('equal a transform per boundary (seed %i)', (seed) => {
    const { view, sx, sy } = randomView(seed);
    const params = resolveOptions().sumParams;
    const ws = new EdtWorkspace({ width: view.width, height: view.height, sx, sy });
    const viaTransform = new CpuClassStats(view, params, ws).surface;
    const stats = new CpuClassStats(view, params, ws);
    void stats.distances;
    const viaField = stats.surface;
    expect(Array.from(viaField.predToGt)).toEqual(Array.from(viaTransform.predToGt));
    expect(Array.from(viaField.gtToPred)).toEqual(Array.from(viaTransform.gtToPred));
  });
});
