/**
 * The sums of a quantised prediction come from its histogram and per-code logarithms kept across pairs: they
 * equal, bit for bit, the sums of each code's pixels added through the accumulator, whichever pairs
 * and parameters filled the table before, and the Lovász hinge and field sums that read the table's
 * logits and cross-entropies equal those of the same probabilities as floats.
 */
import { describe, expect, it } from 'vitest';
import { EdtWorkspace } from '../../src/core/distance/edt';
import { resolveOptions } from '../../src/core/engine';
import { codeHistogram } from '../../src/core/stats/codeTable';
import { histogramByKernel } from '../../src/core/stats/histogramKernel';
import { CpuClassStats, type ClassView } from '../../src/core/stats/cpuClassStats';
import { PixelSumAccumulator } from '../../src/core/stats/terms/cpu';
import type { SumParams } from '../../src/core/stats/types';
import { rng } from '../helpers/random';

const W = 40;
const H = 30;

function codesView(seed: number, levels: number): ClassView {
  const r = rng(seed);
  const n = W * H;
  const values = levels > 255 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.floor(r() * (levels + 1));
  const p = Float64Array.from(values, (v) => v / levels);
  const y = Uint8Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
  return { width: W, height: H, p, codes: { values, levels }, y, hard: Uint8Array.from(p, (v) => (v > 0.5 ? 1 : 0)), valid: null };
}

/** Each code's pixels added through the accumulator, in code order. */
function direct(v: ClassView, params: SumParams) {
  const { values, levels } = v.codes!;
  const counts = new Float64Array(2 * (levels + 1));
  v.y.forEach((y, i) => counts[2 * values[i] + y]++);
  const acc = new PixelSumAccumulator(params);
  for (let k = 0; k <= levels; k++) {
    if (counts[2 * k + 1]) acc.addPositive(k / levels, counts[2 * k + 1]);
    if (counts[2 * k]) acc.addNegative(k / levels, counts[2 * k]);
  }
  let hardP = 0;
  let hardTp = 0;
  v.hard.forEach((h, i) => ((hardP += h), (hardTp += h & v.y[i])));
  acc.addHard(1, hardTp);
  acc.addHard(0, hardP - hardTp);
  return acc.sums;
}

const stats = (v: ClassView, params: SumParams) => new CpuClassStats(v, params, new EdtWorkspace({ width: W, height: H, sx: 1, sy: 1 }));

describe('per-code table of a quantised prediction', () => {
  it('gives the sums of adding each code through the accumulator, whatever filled it before', () => {
    const a = resolveOptions().sumParams;
    const b = resolveOptions({ params: { focal: { gamma: 1.5 }, 'exp-log': { ceGamma: 0.7 } } }).sumParams;
    for (const [seed, levels, params] of [[1, 255, a], [2, 255, a], [3, 65535, a], [1, 255, b], [4, 255, b], [1, 255, a], [5, 15, b]] as const) {
      const v = codesView(seed, levels);
      expect(stats(v, params).sums, `seed ${seed}, ${levels} levels`).toEqual(direct(v, params));
    }
  });

  it('its logits and cross-entropies give the float path’s Lovász hinge and field sums', () => {
    const params = resolveOptions().sumParams;
    for (const [seed, ignore] of [[6, false], [7, false], [8, true]] as const) {
      const v = codesView(seed, 255);
      if (ignore) {
        // Ignored pixels: not valid, background in y and hard, as the engine leaves them.
        const valid = Uint8Array.from(v.y, (_, i) => (i % 7 === 3 ? 0 : 1));
        valid.forEach((ok, i) => ok || ((v.y[i] = 0), (v.hard[i] = 0)));
        v.valid = valid;
      }
      const viaTable = stats(v, params);
      const asFloats = stats({ ...v, codes: undefined }, params);
      expect(viaTable.lovaszHinge).toBeCloseTo(asFloats.lovaszHinge, 10);
      for (const [k, x] of Object.entries(asFloats.fields)) expect(viaTable.fields[k as keyof typeof asFloats.fields], k).toBeCloseTo(x, 8);
    }
  });

  it.each([
    ['WebAssembly', true],
    ['TypeScript', false],
  ])('histogram (%s): every (code, label) with pixels once, in code order with label 1 first, from scratch left zero', (_, wasm) => {
    // The kernel runs here: the two cases are the two implementations.
    expect(histogramByKernel(new Uint8Array(4), 255, new Uint8Array(4), new Uint8Array(4), null)).toBeDefined();
    for (const [seed, levels, withValid] of [[8, 65535, false], [9, 65535, true], [10, 255, true], [8, 65535, false]] as const) {
      const v = codesView(seed, levels);
      const r = rng(seed + 100);
      const valid = withValid ? Uint8Array.from(v.y, () => (r() < 0.8 ? 1 : 0)) : null;
      const expected = new Map<number, number>();
      v.y.forEach((y, i) => {
        if (valid && !valid[i]) return;
        const e = 2 * v.codes!.values[i] + y;
        expected.set(e, (expected.get(e) ?? 0) + 1);
      });
      const order = [...expected.keys()].sort((a, b) => (a >> 1) - (b >> 1) || (b & 1) - (a & 1));
      const h = codeHistogram(v.codes!.values, levels, v.y, v.hard, valid, wasm);
      expect([...h.entries], `seed ${seed}`).toEqual(order);
      expect([...h.counts]).toEqual(order.map((e) => expected.get(e)));
      let hardP = 0;
      let hardTp = 0;
      v.hard.forEach((x, i) => {
        if (valid && !valid[i]) return;
        hardP += x;
        hardTp += x & v.y[i];
      });
      expect([h.hardP, h.hardTp]).toEqual([hardP, hardTp]);
    }
  });
});

