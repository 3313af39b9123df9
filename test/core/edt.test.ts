import { describe, expect, it } from 'vitest';
import { boundary, EdtWorkspace, squaredEdtInto, twoSidedSquaredEdt } from '../../src/core/distance/edt';
import { percentileSorted } from '../../src/core/distance/percentile';
import { rng } from '../helpers/random';

/** O(N²) exact distance transform: the definition the linear-time one must equal. */
function bruteForce(mask: Uint8Array, feature: 0 | 1, w: number, h: number, sx: number, sy: number): Float64Array {
  const out = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (mask[i] === feature) continue;
    let best = Infinity;
    for (let j = 0; j < w * h; j++) {
      if (mask[j] !== feature) continue;
      const dx = ((i % w) - (j % w)) * sx;
      const dy = (Math.floor(i / w) - Math.floor(j / w)) * sy;
      best = Math.min(best, dx * dx + dy * dy);
    }
    out[i] = best === Infinity ? 0 : best;
  }
  return out;
}

describe('exact Euclidean distance transform', () => {
  it.each([
    [1, 1, 0.5],
    [2, 0.5, 2],
    [3, 1, 1],
    [4, 0.3, 0.7],
    [5, 1, 0.02],
  ])('equals brute force on random masks (seed %i, spacing %f × %f)', (seed, sx, sy) => {
    const r = rng(seed);
    const w = 5 + Math.floor(r() * 30);
    const h = 5 + Math.floor(r() * 30);
    const density = r();
    const mask = Uint8Array.from({ length: w * h }, () => (r() < density ? 1 : 0));
    const ws = new EdtWorkspace({ width: w, height: h, sx, sy });
    for (const feature of [0, 1] as const) {
      const out = new Float32Array(w * h);
      squaredEdtInto(mask, feature, ws, out);
      const ref = bruteForce(mask, feature, w, h, sx, sy);
      for (let i = 0; i < w * h; i++) expect(out[i]).toBeCloseTo(ref[i], 3);
    }
  });

  it.each(Array.from({ length: 12 }, (_, k) => k + 1))('two-sided field = both one-sided transforms, bit for bit (seed %i)', (seed) => {
    const r = rng(100 + seed);
    const w = 1 + Math.floor(r() * 30);
    const h = 1 + Math.floor(r() * 30);
    const [sx, sy] = [0.2 + 2 * r(), 0.2 + 2 * r()];
    // Densities from empty to full, blobs touching the edges, single rows and columns.
    const density = seed % 4 === 0 ? (seed % 8 === 0 ? 0 : 1) : r();
    const cx = r() * w;
    const cy = r() * h;
    const rad = r() * 12;
    const mask = Uint8Array.from({ length: w * h }, (_, i) => (Math.hypot((i % w) - cx, Math.floor(i / w) - cy) < rad || r() < density * 0.3 || density === 1 ? 1 : 0));
    const ws = new EdtWorkspace({ width: w, height: h, sx, sy });
    const want = new Float32Array(w * h);
    squaredEdtInto(mask, 1, ws, want);
    squaredEdtInto(mask, 0, ws, want);
    // Both transforms of an image: in WebAssembly (the default) and in TypeScript.
    expect(Array.from(twoSidedSquaredEdt(mask, ws))).toEqual(Array.from(want));
    expect(Array.from(twoSidedSquaredEdt(mask, new EdtWorkspace(ws.grid, false, false)))).toEqual(Array.from(want));
    const inside = bruteForce(mask, 0, w, h, sx, sy);
    const outside = bruteForce(mask, 1, w, h, sx, sy);
    want.forEach((v, i) => expect(v).toBeCloseTo(mask[i] ? inside[i] : outside[i], 3));
  });

  it.each([4, 8, 12, 32, 64])('two-sided field of width %i: four pixels a word, bit for bit as a byte at a time', (w) => {
    const r = rng(300 + w);
    for (const h of [1, 2, 7, 33]) {
      // Blobs, noise and full rows, so that words equal to their neighbours' and words that differ both occur.
      const cx = r() * w;
      const cy = r() * h;
      const rad = 1 + r() * w;
      const values = Array.from({ length: w * h }, (_, i) => (Math.hypot((i % w) - cx, Math.floor(i / w) - cy) < rad || r() < 0.05 || Math.floor(i / w) === h - 1 ? 1 : 0));
      const aligned = Uint8Array.from(values);
      // The same mask one byte into its buffer: no word view, the byte loops.
      const shifted = new Uint8Array(w * h + 1).subarray(1);
      shifted.set(values);
      // The TypeScript transform's loops (the WebAssembly one reads bytes).
      const ws = new EdtWorkspace({ width: w, height: h, sx: 0.7, sy: 1.3 }, false, false);
      const byWords = Array.from(twoSidedSquaredEdt(aligned, ws));
      const byBytes = Array.from(twoSidedSquaredEdt(shifted, ws));
      expect(byWords, `${w}×${h}`).toEqual(byBytes);
      const want = new Float32Array(w * h);
      squaredEdtInto(aligned, 1, ws, want);
      squaredEdtInto(aligned, 0, ws, want);
      expect(byWords, `${w}×${h}`).toEqual(Array.from(want));
    }
  });

  it('a mask with no feature pixel gives zero everywhere', () => {
    for (const wasm of [true, false]) {
      const ws = new EdtWorkspace({ width: 4, height: 3, sx: 1, sy: 1 }, false, wasm);
      expect(Array.from(twoSidedSquaredEdt(new Uint8Array(12).fill(1), ws))).toEqual(new Array(12).fill(0));
      expect(Array.from(twoSidedSquaredEdt(new Uint8Array(12), ws))).toEqual(new Array(12).fill(0));
    }
  });

  it('boundary is the 4-neighbour erosion residue, with the image edge as background', () => {
    const m = new Uint8Array(5 * 4).fill(1);
    const b = boundary(m, 5, 4);
    expect(Array.from(b)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });
});

describe('percentile', () => {
  it('interpolates linearly between order statistics like numpy', () => {
    expect(percentileSorted([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12);
    expect(percentileSorted([0, 10], 50)).toBe(5);
    expect(percentileSorted([7], 95)).toBe(7);
  });
  it('is infinite, not NaN, when it touches an infinite order statistic', () => {
    expect(percentileSorted([1, 2, Infinity], 95)).toBe(Infinity);
    expect(percentileSorted([1, 2, Infinity], 50)).toBe(2);
  });
});
