import { describe, expect, it } from 'vitest';
import { boundingBox } from '../../src/core/distance/box';
import { boundary, EdtWorkspace, squaredEdtInto, twoSidedSquaredEdt } from '../../src/core/distance/edt';
import { rng } from '../helpers/random';

/** O(N²) exact 3-D distance transform: the definition the separable one must equal. */
function bruteForce3d(mask: Uint8Array, feature: 0 | 1, w: number, h: number, d: number, s: [number, number, number]): Float64Array {
  const n = w * h * d;
  const out = new Float64Array(n);
  const at = (i: number) => [i % w, Math.floor(i / w) % h, Math.floor(i / (w * h))];
  for (let i = 0; i < n; i++) {
    if (mask[i] === feature) continue;
    const [x, y, z] = at(i);
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (mask[j] !== feature) continue;
      const [u, v, t] = at(j);
      const dd = ((x - u) * s[0]) ** 2 + ((y - v) * s[1]) ** 2 + ((z - t) * s[2]) ** 2;
      if (dd < best) best = dd;
    }
    out[i] = best === Infinity ? 0 : best;
  }
  return out;
}

function randomVolume(seed: number): { w: number; h: number; d: number; mask: Uint8Array } {
  const r = rng(seed);
  const w = 3 + Math.floor(r() * 12);
  const h = 3 + Math.floor(r() * 12);
  const d = 2 + Math.floor(r() * 10);
  const density = r() * 0.6;
  return { w, h, d, mask: Uint8Array.from({ length: w * h * d }, () => (r() < density ? 1 : 0)) };
}

describe('exact 3-D Euclidean distance transform', () => {
  it.each([
    [1, [1, 1, 1]],
    [2, [0.8, 0.8, 2.5]],
    [3, [0.5, 0.7, 1.2]],
    [4, [2, 0.3, 0.9]],
    [5, [1, 1, 0.05]],
    [6, [0.7, 0.7, 1.5]],
  ] as [number, [number, number, number]][])('equals brute force on random volumes (seed %i, spacing %j)', (seed, s) => {
    const { w, h, d, mask } = randomVolume(seed);
    const ws = new EdtWorkspace({ width: w, height: h, depth: d, sx: s[0], sy: s[1], sz: s[2] });
    for (const feature of [0, 1] as const) {
      const out = new Float32Array(w * h * d);
      squaredEdtInto(mask, feature, ws, out);
      const ref = bruteForce3d(mask, feature, w, h, d, s);
      for (let i = 0; i < out.length; i++) expect(Math.abs(out[i] - ref[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, ref[i]));
    }
  });

  it('a sparse volume: features in one slice, queries everywhere (slices without features)', () => {
    const w = 7;
    const h = 6;
    const d = 9;
    const mask = new Uint8Array(w * h * d);
    mask[4 * w * h + 2 * w + 3] = 1;
    mask[4 * w * h + 5 * w + 0] = 1;
    const s: [number, number, number] = [0.5, 1.5, 2];
    const ws = new EdtWorkspace({ width: w, height: h, depth: d, sx: s[0], sy: s[1], sz: s[2] });
    const out = new Float32Array(w * h * d);
    expect(squaredEdtInto(mask, 1, ws, out)).toBe(true);
    const ref = bruteForce3d(mask, 1, w, h, d, s);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(ref[i], 4);
  });

  it('the two-sided field of a volume equals brute force on both sides (inside on the grown box)', () => {
    const { w, h, d } = { w: 11, h: 9, d: 8 };
    const mask = new Uint8Array(w * h * d);
    for (let z = 2; z < 6; z++) for (let y = 1; y < 7; y++) for (let x = 3; x < 9; x++) mask[(z * h + y) * w + x] = (x + y + z) % 7 ? 1 : 0;
    const s: [number, number, number] = [0.8, 0.8, 2.5];
    const ws = new EdtWorkspace({ width: w, height: h, depth: d, sx: s[0], sy: s[1], sz: s[2] });
    const two = twoSidedSquaredEdt(mask, ws);
    const outside = bruteForce3d(mask, 1, w, h, d, s);
    const inside = bruteForce3d(mask, 0, w, h, d, s);
    for (let i = 0; i < two.length; i++) expect(two[i]).toBeCloseTo(mask[i] ? inside[i] : outside[i], 4);
  });

  it('a volume without a feature voxel writes nothing and says so', () => {
    const ws = new EdtWorkspace({ width: 3, height: 3, depth: 3, sx: 1, sy: 1, sz: 1 });
    const out = new Float32Array(27).fill(7);
    expect(squaredEdtInto(new Uint8Array(27), 1, ws, out)).toBe(false);
    expect(Array.from(out)).toEqual(new Array(27).fill(7));
  });

  it('one slice deep, a volume has the 2-D transform', () => {
    const r = rng(9);
    const w = 17;
    const h = 13;
    const mask = Uint8Array.from({ length: w * h }, () => (r() < 0.2 ? 1 : 0));
    const a = new Float32Array(w * h);
    const b = new Float32Array(w * h);
    squaredEdtInto(mask, 1, new EdtWorkspace({ width: w, height: h, sx: 0.5, sy: 2 }), a);
    squaredEdtInto(mask, 1, new EdtWorkspace({ width: w, height: h, depth: 1, sx: 0.5, sy: 2, sz: 3 }), b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

describe('3-D boundaries and boxes', () => {
  it('boundary is the 6-neighbour erosion residue, first and last slices count as edge', () => {
    const w = 4;
    const h = 4;
    const d = 4;
    const m = new Uint8Array(w * h * d).fill(1);
    const b = boundary(m, w, h, d);
    for (let z = 0; z < d; z++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const interior = x > 0 && x < w - 1 && y > 0 && y < h - 1 && z > 0 && z < d - 1;
          expect(b[(z * h + y) * w + x], `${x},${y},${z}`).toBe(interior ? 0 : 1);
        }
  });

  it('a voxel whose only background neighbour is across slices is on the boundary', () => {
    const w = 5;
    const h = 5;
    const d = 5;
    const m = new Uint8Array(w * h * d).fill(1);
    m[(1 * h + 2) * w + 2] = 0; // a hole in slice 1, right above the centre voxel of slice 2
    const b = boundary(m, w, h, d);
    expect(b[(2 * h + 2) * w + 2]).toBe(1);
    expect(b[(2 * h + 1) * w + 2]).toBe(0);
  });

  it('a 1-slice volume has the boundary of its image (no neighbours across slices)', () => {
    const m = new Uint8Array(5 * 4).fill(1);
    expect(Array.from(boundary(m, 5, 4, 1))).toEqual(Array.from(boundary(m, 5, 4)));
    expect(Array.from(boundary(m, 5, 4, 1))).toContain(0);
  });

  it('bounding box spans slices', () => {
    const m = new Uint8Array(4 * 3 * 5);
    m[(1 * 3 + 2) * 4 + 1] = 1;
    m[(3 * 3 + 0) * 4 + 3] = 1;
    expect(boundingBox([m], 4, 3, 0, 5)).toEqual({ x0: 1, y0: 0, w: 3, h: 3, z0: 1, d: 3 });
    expect(boundingBox([m], 4, 3, 1, 5)).toEqual({ x0: 0, y0: 0, w: 4, h: 3, z0: 0, d: 5 });
  });
});
