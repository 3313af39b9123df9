/**
 * The boundary and the bounding box skip empty rows with a scan four pixels a step where the mask's
 * memory is 4-aligned: they must equal their definitions on masks of every density, in images and
 * volumes, rows shorter and longer than the scan's words, and masks that are views at any byte offset.
 * The list of a sparse mask's set pixels skips empty blocks the same way and must list every one.
 */
import { describe, expect, it } from 'vitest';
import { boundingBox, setPixels } from '../../src/core/distance/box';
import { boundary } from '../../src/core/distance/edt';
import { rng } from '../helpers/random';

function naiveBoundary(m: Uint8Array, w: number, h: number, d: number): number[] {
  const at = (x: number, y: number, z: number) => (x < 0 || y < 0 || z < 0 || x >= w || y >= h || z >= d ? 0 : m[(z * h + y) * w + x]);
  const out: number[] = [];
  for (let z = 0; z < d; z++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        if (!at(x, y, z)) {
          out.push(0);
          continue;
        }
        const across = d > 1 ? !at(x, y, z - 1) || !at(x, y, z + 1) : false;
        out.push(across || !at(x - 1, y, z) || !at(x + 1, y, z) || !at(x, y - 1, z) || !at(x, y + 1, z) ? 1 : 0);
      }
  return out;
}

function naiveBox(masks: Uint8Array[], w: number, h: number, margin: number, d: number) {
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  for (const m of masks)
    m.forEach((v, i) => {
      if (!v) return;
      xs.push(i % w);
      ys.push(Math.floor(i / w) % h);
      zs.push(Math.floor(i / (w * h)));
    });
  if (!xs.length) return null;
  const lo = (a: number[]) => Math.max(0, Math.min(...a) - margin);
  const hi = (a: number[], n: number) => Math.min(n - 1, Math.max(...a) + margin);
  const [x0, y0, z0] = [lo(xs), lo(ys), lo(zs)];
  return { x0, y0, w: hi(xs, w) - x0 + 1, h: hi(ys, h) - y0 + 1, z0, d: hi(zs, d) - z0 + 1 };
}

/** A mask of `n` pixels at byte `offset` of a larger buffer (a view, as a class of a label map may be). */
function randomMask(r: () => number, n: number, offset: number): Uint8Array {
  const m = new Uint8Array(new ArrayBuffer(n + 8), offset, n);
  const kind = Math.floor(r() * 4);
  if (kind === 0) m[Math.floor(r() * n)] = 1; // a single pixel
  else if (kind === 1) for (let i = 0; i < n; i++) m[i] = r() < 0.03 ? 1 : 0;
  else if (kind === 2) for (let i = 0; i < n; i++) m[i] = r() < 0.9 ? 1 : 0;
  else m.fill(1, Math.floor(r() * n), Math.floor(r() * n) + 1 + Math.floor(r() * 40));
  return m;
}

describe('boundary and bounding box', () => {
  it.each(Array.from({ length: 30 }, (_, k) => k + 1))('equal their definitions (seed %i)', (seed) => {
    const r = rng(seed);
    const w = 1 + Math.floor(r() * 45);
    const h = 1 + Math.floor(r() * 12);
    const d = seed % 2 ? 1 : 1 + Math.floor(r() * 6);
    for (let offset = 0; offset < 4; offset++) {
      const m = randomMask(r, w * h * d, offset);
      const other = randomMask(r, w * h * d, (offset + 1) % 4);
      expect(Array.from(boundary(m, w, h, d))).toEqual(naiveBoundary(m, w, h, d));
      const margin = Math.floor(r() * 3);
      expect(boundingBox([m], w, h, margin, d)).toEqual(naiveBox([m], w, h, margin, d));
      expect(boundingBox([m, other], w, h, margin, d)).toEqual(naiveBox([m, other], w, h, margin, d));
    }
  });

  it('an empty mask has no box and no boundary', () => {
    const m = new Uint8Array(40 * 3);
    expect(boundingBox([m], 40, 3)).toBeNull();
    expect(boundary(m, 40, 3).some((v) => v)).toBe(false);
  });

  it('setPixels lists every set pixel in order, at any density and byte offset', () => {
    const r = rng(99);
    for (const density of [0, 0.0005, 0.01, 0.3, 1]) {
      for (const offset of [0, 1, 2, 3]) {
        const n = 5000 + Math.floor(r() * 3000);
        const buf = new Uint8Array(n + offset);
        const m = buf.subarray(offset);
        for (let i = 0; i < n; i++) m[i] = r() < density ? 1 : 0;
        // The ends of the mask, where a block or a word is cut short.
        if (density > 0) m[n - 1] = m[0] = 1;
        const want = [...m.keys()].filter((i) => m[i]);
        expect([...setPixels(m)], `density ${density}, offset ${offset}`).toEqual(want);
      }
    }
  });
});
