/**
 * The sums of a float prediction come from a pass over all pixels and then a loop per term: they
 * equal, bit for bit, the sums of the same pixels added one by one through the accumulator, for
 * float32 and float64 predictions, with and without ignored pixels, under integer and fractional
 * parameters, and through `CpuClassStats` (a grid of several of the pass's blocks). Taken with the
 * field sums in one pass (the fields asked for first), both equal those of two passes bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { EdtWorkspace } from '../../src/core/distance/edt';
import { CpuClassStats, type ClassView } from '../../src/core/stats/cpuClassStats';
import { PixelSumAccumulator } from '../../src/core/stats/terms/cpu';
import type { PixelSums, SumParams } from '../../src/core/stats/types';
import { rng } from '../helpers/random';

const W = 100;
const H = 90;

function view(seed: number, f64: boolean, ignore: boolean): ClassView {
  const r = rng(seed);
  const n = W * H;
  const values = Float64Array.from({ length: n }, () => {
    const u = r();
    // Exact 0s and 1s and values beyond the clip as well as ordinary ones.
    return u < 0.05 ? 0 : u > 0.95 ? 1 : u < 0.1 ? 1e-9 : r();
  });
  const p = f64 ? values : Float32Array.from(values);
  const valid = ignore ? Uint8Array.from({ length: n }, () => (r() < 0.8 ? 1 : 0)) : null;
  const y = Uint8Array.from({ length: n }, (_, i) => (valid && !valid[i] ? 0 : r() < 0.4 ? 1 : 0));
  const hard = Uint8Array.from(p, (v, i) => (valid && !valid[i] ? 0 : v > 0.5 ? 1 : 0));
  return { width: W, height: H, p, y, hard, valid };
}

/** Each valid pixel added through the accumulator, in pixel order. */
function oneByOne(v: ClassView, params: SumParams): PixelSums {
  const acc = new PixelSumAccumulator(params);
  let hardP = 0;
  let hardTp = 0;
  for (let i = 0; i < v.y.length; i++) {
    if (v.valid && !v.valid[i]) continue;
    if (v.y[i]) acc.addPositive(v.p[i], 1);
    else acc.addNegative(v.p[i], 1);
    hardP += v.hard[i];
    hardTp += v.hard[i] & v.y[i];
  }
  acc.addHard(1, hardTp);
  acc.addHard(0, hardP - hardTp);
  return acc.sums;
}

const PARAMS: SumParams[] = [
  { focalGamma: 2, expLogCeGamma: 0.3, hausdorffAlpha: 2 },
  { focalGamma: 1.7, expLogCeGamma: 1, hausdorffAlpha: 1 },
  { focalGamma: 0, expLogCeGamma: 2, hausdorffAlpha: 2 },
];

describe('pixel sums of a float prediction', () => {
  it('equal the pixel-by-pixel sums bit for bit', () => {
    const ws = new EdtWorkspace({ width: W, height: H, sx: 1, sy: 1 }, true);
    let seed = 1;
    for (const f64 of [false, true]) {
      for (const ignore of [false, true]) {
        for (const params of PARAMS) {
          const v = view(seed++, f64, ignore);
          const want = oneByOne(v, params);
          const got = new CpuClassStats(v, params, ws).sums;
          for (const k of Object.keys(want) as Array<keyof PixelSums>) {
            expect(Object.is(got[k], want[k]), `${k} (f64 ${f64}, ignore ${ignore}, ${JSON.stringify(params)}): ${got[k]} vs ${want[k]}`).toBe(true);
          }
        }
      }
    }
  });

  it('taken in one pass with the field sums, equal two passes bit for bit', () => {
    const ws = new EdtWorkspace({ width: W, height: H, sx: 1, sy: 1 }, true);
    let seed = 100;
    for (const f64 of [false, true]) {
      for (const ignore of [false, true]) {
        for (const params of PARAMS) {
          const v = view(seed++, f64, ignore);
          const apart = new CpuClassStats(v, params, ws);
          const sums = apart.sums;
          const fields = apart.fields;
          apart.releaseDistances();
          const fused = new CpuClassStats(v, params, ws);
          const together = { fields: fused.fields, sums: fused.sums };
          fused.releaseDistances();
          const what = `f64 ${f64}, ignore ${ignore}, ${JSON.stringify(params)}`;
          for (const [k, x] of Object.entries(sums)) expect(Object.is(together.sums[k as keyof PixelSums], x), `sum ${k} (${what})`).toBe(true);
          for (const [k, x] of Object.entries(fields)) expect(Object.is(together.fields[k as keyof typeof fields], x), `field ${k} (${what})`).toBe(true);
        }
      }
    }
  });
});
