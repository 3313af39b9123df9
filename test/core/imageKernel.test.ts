import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundary, boundaryIn, EdtWorkspace, twoSidedSquaredEdt, type Grid } from '../../src/core/distance/edt';
import { kernelScratch } from '../../src/core/wasm/kernels';
import { rng } from '../helpers/random';

const ROOT = join(__dirname, '..', '..');

/** Blobs, noise, full and empty rows and columns: masks whose rows hit every branch of the passes. */
function masks(w: number, h: number, seed: number, count: number): Uint8Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, k) => {
    const kind = k % 6;
    if (kind === 4) return new Uint8Array(w * h).fill(k % 12 === 4 ? 0 : 1);
    const density = kind === 0 ? r() : kind === 1 ? 0.02 : 0;
    const blobs = Array.from({ length: 1 + Math.floor(r() * 4) }, () => [r() * w, r() * h, r() * Math.max(w, h) * 0.4]);
    return Uint8Array.from({ length: w * h }, (_, i) => {
      const x = i % w;
      const y = Math.floor(i / w);
      if (kind === 5 && (y === 0 || x === w - 1)) return 1;
      return blobs.some(([cx, cy, rad]) => Math.hypot(x - cx, y - cy) < rad) || r() < density ? 1 : 0;
    });
  });
}

describe('the image kernels in WebAssembly (two-sided EDT, boundary)', () => {
  it('runs here (so the comparisons below are of the two implementations)', () => {
    expect(kernelScratch({ a: 8 })).toBeDefined();
    expect(new EdtWorkspace({ width: 8, height: 8, sx: 1, sy: 1 }).useKernels).toBe(true);
    expect(new EdtWorkspace({ width: 8, height: 8, sx: 1, sy: 1 }, false, false).useKernels).toBe(false);
    expect(new EdtWorkspace({ width: 8, height: 8, sx: 1, sy: 1, depth: 3, sz: 1 }).useKernels).toBe(false);
  });

  it.each<[string, Grid]>([
    ['256² isotropic', { width: 256, height: 256, sx: 1, sy: 1 }],
    ['37×19', { width: 37, height: 19, sx: 1, sy: 1 }],
    ['64×33 anisotropic', { width: 64, height: 33, sx: 0.7, sy: 1.3 }],
    ['100×80 anisotropic', { width: 100, height: 80, sx: 2.5, sy: 0.5 }],
    ['one row', { width: 41, height: 1, sx: 1, sy: 1 }],
    ['one column', { width: 1, height: 29, sx: 0.4, sy: 1.7 }],
    ['2×2', { width: 2, height: 2, sx: 1, sy: 1 }],
  ])('equals the TypeScript transform bit for bit, one kernel for many masks (%s)', (_, grid) => {
    const wasm = new EdtWorkspace(grid, true);
    const ts = new EdtWorkspace(grid, true, false);
    const n = grid.width * grid.height;
    for (const [k, mask] of masks(grid.width, grid.height, grid.width * 31 + grid.height, n > 10_000 ? 12 : 36).entries()) {
      const want = twoSidedSquaredEdt(mask, ts);
      const got = twoSidedSquaredEdt(mask, wasm);
      // Compared as bits: equal values, the same zeros, nothing left from the mask before.
      const wantBits = new Uint32Array(want.buffer, want.byteOffset, n);
      const gotBits = new Uint32Array(got.buffer, got.byteOffset, n);
      const first = gotBits.findIndex((b, i) => b !== wantBits[i]);
      expect(first, `mask ${k}: pixel ${first}, ${got[first]} against ${want[first]}`).toBe(-1);
      wasm.give(got);
      ts.give(want);
    }
  });

  it.each<[number, number]>([
    [256, 256],
    [37, 19],
    [17, 17],
    [18, 5],
    [41, 1],
    [1, 29],
    [2, 2],
    [3, 3],
  ])('boundary of a %i×%i image equals the TypeScript one', (w, h) => {
    const ws = new EdtWorkspace({ width: w, height: h, sx: 1, sy: 1 }, true);
    for (const [k, mask] of masks(w, h, 7 * w + h, 24).entries()) {
      const got = boundaryIn(mask, ws);
      const want = boundary(mask, w, h);
      const first = got.findIndex((b, i) => b !== want[i]);
      expect(first, `mask ${k}: pixel ${first}`).toBe(-1);
      ws.give(got);
    }
  });

  it('is the build of assembly/index.ts that is committed (npm run wasm)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'buildWasm.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
