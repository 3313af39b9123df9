/**
 * The Lovász hinge of a float prediction (pixels sorted by their hinge error) equals Berman et al.'s
 * definition computed the plain way (every error, a comparison sort), for probabilities spread over
 * [0, 1] and crowded at the values where a pixel's error changes sign (logit ±1) and where the engine
 * stops looking at confident pixels (¼ and ¾), with ignored pixels.
 */
import { describe, expect, it } from 'vitest';
import { EdtWorkspace } from '../../src/core/distance/edt';
import { resolveOptions } from '../../src/core/engine';
import { CpuClassStats } from '../../src/core/stats/cpuClassStats';
import { logit } from '../../src/core/stats/pixelTerms';
import { rng } from '../helpers/random';

function plainLovasz(p: Float32Array, y: Uint8Array, valid: Uint8Array): number {
  const errs: Array<[number, number]> = [];
  for (let i = 0; i < p.length; i++) if (valid[i]) errs.push([y[i] ? 1 - logit(p[i]) : 1 + logit(p[i]), y[i]]);
  errs.sort((a, b) => b[0] - a[0]);
  const gts = errs.reduce((s, [, yi]) => s + yi, 0);
  let tp = 0;
  let fp = 0;
  let prev = 0;
  let total = 0;
  for (const [e, yi] of errs) {
    if (yi) tp++;
    else fp++;
    const j = 1 - (gts - tp) / (gts + fp);
    total += Math.max(e, 0) * (j - prev);
    prev = j;
  }
  return total;
}

describe('Lovász hinge of a float prediction', () => {
  it.each([1, 2, 3, 4, 5, 6])('equals the plain definition (seed %i)', (seed) => {
    const r = rng(seed);
    const n = 4000;
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const crowd = [0.25, 0.75, sig(1), sig(-1)];
    const p = Float32Array.from({ length: n }, () => (r() < 0.5 ? r() : crowd[Math.floor(r() * 4)] + (r() - 0.5) * 1e-3 * (r() < 0.2 ? 0 : 1)));
    const y = Uint8Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
    const valid = Uint8Array.from({ length: n }, () => (r() < 0.9 ? 1 : 0));
    const yv = Uint8Array.from(y, (v, i) => (valid[i] ? v : 0));
    const hard = Uint8Array.from(p, (v, i) => (valid[i] && v > 0.5 ? 1 : 0));
    const view = { width: n, height: 1, p, y: yv, hard, valid };
    const got = new CpuClassStats(view, resolveOptions().sumParams, new EdtWorkspace({ width: n, height: 1, sx: 1, sy: 1 })).lovaszHinge;
    const want = plainLovasz(p, yv, valid);
    // (The engine orders errors by their float32 keys: sums differ from a float64 sort by ~1e-11.)
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  });
});
