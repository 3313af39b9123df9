/**
 * squaredEdtNear searches around each query within a bound instead of transforming the box: at
 * every query it must give the transform's value, bit for bit (its sums are the transform's, in the
 * same order and with the same float32 rounding of in-plane distances), whether it searches or
 * falls back, and whatever the bounds.
 */
import { describe, expect, it } from 'vitest';
import { boundingBox, type Box } from '../../src/core/distance/box';
import { boundary, EdtWorkspace, squaredEdtInto, twoSidedSquaredEdt, type Grid } from '../../src/core/distance/edt';
import { squaredEdtByRays, squaredEdtNear } from '../../src/core/distance/near';
import { rng } from '../helpers/random';

/** A few ellipsoids (discs in an image). */
function blobs(r: () => number, w: number, h: number, d: number): Uint8Array {
  const m = new Uint8Array(w * h * d);
  const bs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ x: r() * w, y: r() * h, z: r() * d, r: 2 + (r() * Math.max(w, h)) / 2, rz: 0.6 + r() * d }));
  for (let z = 0; z < d; z++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) m[(z * h + y) * w + x] = bs.some((b) => ((x - b.x) / b.r) ** 2 + ((y - b.y) / b.r) ** 2 + ((z - b.z) / b.rz) ** 2 < 1) ? 1 : 0;
  return m;
}

/** The pixels set in a query mask, ascending: the list the searches take beside it. */
const listOf = (query: Uint8Array): Int32Array => Int32Array.from(query.keys()).filter((i) => query[i]);

/**
 * The transform's and the search's values at pixels of m off its boundary: a share of them, or
 * those on the boundary of `other` (as surface distances ask).
 */
function compare(grid: Grid, m: Uint8Array, share: number | Uint8Array, r: () => number, scale = 1): void {
  const { width: w, height: h, depth: d = 1 } = grid;
  const to = boundary(m, w, h, d);
  const box = boundingBox([to], w, h, 0, d);
  if (!box) return;
  const ws = new EdtWorkspace(grid);
  const field = twoSidedSquaredEdt(m, ws);
  const near = typeof share === 'number' ? null : boundary(share, w, h, d);
  const query = m.map((v, i) => (v && !to[i] && (near ? near[i] : r() < (share as number)) ? 1 : 0));
  const bound = field.map((v) => v * scale);
  const want = new Float32Array(m.length);
  const got = new Float32Array(m.length);
  squaredEdtInto(to, 1, ws, want, box, query);
  squaredEdtNear(to, ws, got, box, query, listOf(query), bound);
  let n = 0;
  query.forEach((q, i) => {
    if (!q) return;
    n++;
    if (!Object.is(got[i], want[i])) expect([i, got[i]]).toEqual([i, want[i]]);
  });
  expect(n).toBe(query.reduce((a, b) => a + b, 0));
}

describe('squaredEdtNear: a bounded search per query', () => {
  it.each(Array.from({ length: 24 }, (_, k) => k + 1))('equals the transform on random blobs (seed %i)', (seed) => {
    const r = rng(seed);
    const w = 8 + Math.floor(r() * 50);
    const h = 8 + Math.floor(r() * 50);
    const d = seed % 2 ? 1 : 2 + Math.floor(r() * 10);
    const s = [1, 0.8, 2.5, 0.3, 1.7][seed % 5];
    const grid = { width: w, height: h, depth: d, sx: s, sy: seed % 3 ? s : 0.6, sz: 2.5 };
    const m = blobs(r, w, h, d);
    // A few queries (the search) and all of them (the transform, beyond the search's budget).
    compare(grid, m, 0.05, r);
    compare(grid, m, 1, r);
  });

  it('a disc and an ellipsoid, queries on the boundary of a shifted copy: the searches, not the transform', () => {
    const r = rng(7);
    const w = 120;
    const disc = (dx: number) => Uint8Array.from({ length: w * w }, (_, i) => (Math.hypot((i % w) - 60.3 - dx, Math.floor(i / w) - 59.6) < 50 ? 1 : 0));
    compare({ width: w, height: w, sx: 0.8, sy: 0.8 }, disc(0), disc(2.5), r);
    const [vw, vd] = [64, 24];
    const ellipsoid = (dx: number, dz: number) =>
      Uint8Array.from({ length: vw * vw * vd }, (_, i) => {
        const [x, y, z] = [i % vw, Math.floor(i / vw) % vw, Math.floor(i / (vw * vw))];
        return Math.hypot((x - 31.2 - dx) / 28, (y - 33.1) / 22, (z - 11.7 - dz) / 9) < 1 ? 1 : 0;
      });
    for (const s of [[0.8, 0.8, 2.5], [1, 1, 1], [1, 1, 0.4]])
      for (const [dx, dz] of [[1.5, 0], [0, 1.5], [0, -1.5]]) {
        compare({ width: vw, height: vw, depth: vd, sx: s[0], sy: s[1], sz: s[2] }, ellipsoid(0, 0), ellipsoid(dx, dz), r);
      }
  });

  it('bounds that do not hold (too short, zero) still give the transform', () => {
    const r = rng(11);
    const grid = { width: 40, height: 30, depth: 6, sx: 0.7, sy: 0.7, sz: 2 };
    const m = blobs(r, 40, 30, 6);
    compare(grid, m, 0.1, r, 0.3);
    compare(grid, m, 0.1, r, 0);
  });

  it.each(Array.from({ length: 24 }, (_, k) => k + 1))('with bounds from the axis rays, equals the transform (seed %i)', (seed) => {
    const r = rng(100 + seed);
    const w = 8 + Math.floor(r() * 50);
    const h = 8 + Math.floor(r() * 50);
    const d = seed % 2 ? 1 : 2 + Math.floor(r() * 10);
    const s = [1, 0.8, 2.5, 0.3, 1.7][seed % 5];
    const grid = { width: w, height: h, depth: d, sx: s, sy: seed % 3 ? s : 0.6, sz: 2.5 };
    const to = boundary(blobs(r, w, h, d), w, h, d);
    const from = boundary(seed % 4 ? blobs(r, w, h, d) : Uint8Array.from(to, (v, i) => v || (i * 7) % 11 === 0 ? 1 : 0), w, h, d);
    const box = boundingBox([to, from], w, h, 0, d);
    if (!box) return;
    const ws = new EdtWorkspace(grid);
    const query = from.map((v, i) => (v && !to[i] ? 1 : 0));
    const want = new Float32Array(to.length);
    const got = new Float32Array(to.length);
    expect(squaredEdtByRays(to, ws, got, box, query, listOf(query))).toBe(squaredEdtInto(to, 1, ws, want, box, query));
    query.forEach((q, i) => {
      if (q && !Object.is(got[i], want[i])) expect([i, got[i]]).toEqual([i, want[i]]);
    });
  });

  it('with bounds from the axis rays: a disc and an ellipsoid against shifted copies (the searches)', () => {
    const w = 120;
    const disc = (dx: number) => boundary(Uint8Array.from({ length: w * w }, (_, i) => (Math.hypot((i % w) - 60.3 - dx, Math.floor(i / w) - 59.6) < 50 ? 1 : 0)), w, w);
    const [vw, vd] = [64, 24];
    const ellipsoid = (dx: number, dz: number) =>
      boundary(
        Uint8Array.from({ length: vw * vw * vd }, (_, i) => {
          const [x, y, z] = [i % vw, Math.floor(i / vw) % vw, Math.floor(i / (vw * vw))];
          return Math.hypot((x - 31.2 - dx) / 28, (y - 33.1) / 22, (z - 11.7 - dz) / 9) < 1 ? 1 : 0;
        }),
        vw,
        vw,
        vd,
      );
    const cases: Array<[Grid, Uint8Array, Uint8Array]> = [[{ width: w, height: w, sx: 0.8, sy: 0.8 }, disc(0), disc(2.5)]];
    for (const s of [[0.8, 0.8, 2.5], [1, 1, 1], [1, 1, 0.4]])
      for (const [dx, dz] of [[1.5, 0], [0, 1.5], [0, -1.5]]) cases.push([{ width: vw, height: vw, depth: vd, sx: s[0], sy: s[1], sz: s[2] }, ellipsoid(0, 0), ellipsoid(dx, dz)]);
    for (const [grid, to, from] of cases) {
      const { width: gw, height: gh, depth: gd = 1 } = grid;
      const box = boundingBox([to, from], gw, gh, 0, gd) as Box;
      const ws = new EdtWorkspace(grid);
      const query = from.map((v, i) => (v && !to[i] ? 1 : 0));
      const want = new Float32Array(to.length);
      const got = new Float32Array(to.length);
      expect(squaredEdtByRays(to, ws, got, box, query, listOf(query))).toBe(squaredEdtInto(to, 1, ws, want, box, query));
      query.forEach((q, i) => {
        if (q && !Object.is(got[i], want[i])) expect([i, got[i]]).toEqual([i, want[i]]);
      });
    }
  });

  it('with bounds from the axis rays: no feature in the box, or no query', () => {
    const grid = { width: 30, height: 20, depth: 4, sx: 1, sy: 1, sz: 2 };
    const ws = new EdtWorkspace(grid);
    const n = 30 * 20 * 4;
    const to = new Uint8Array(n);
    const query = new Uint8Array(n);
    query[5] = query[700] = 1;
    const out = new Float32Array(n);
    expect(squaredEdtByRays(to, ws, out, ws.full, query, listOf(query))).toBe(false);
    to[1000] = 1;
    expect(squaredEdtByRays(to, ws, out, ws.full, new Uint8Array(n), new Int32Array(0))).toBe(true);
    expect(squaredEdtByRays(new Uint8Array(n), ws, out, ws.full, new Uint8Array(n), new Int32Array(0))).toBe(false);
  });
});
