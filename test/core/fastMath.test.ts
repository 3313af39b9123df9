/**
 * The power the per-pixel terms use (e^(γ·ln x), table-driven) agrees with Math.pow to a few units in
 * the last place over the inputs the terms give it — probabilities down to the clip 1e-7, −ln q up
 * to 16, squared distances up to 1e8, values next to 1 — and is Math.pow at 0, ∞ and subnormals.
 */
import { describe, expect, it } from 'vitest';
import { pow } from '../../src/core/stats/fastMath';
import { rng } from '../helpers/random';

describe('fast power', () => {
  it('is within 1e-13 of Math.pow (relative)', () => {
    const r = rng(7);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const k = i % 4;
      const x = k === 0 ? 1e-7 + r() : k === 1 ? Math.exp(-40 * r()) * 16 : k === 2 ? 1 + (r() - 0.5) / 256 : 1e8 * r();
      const g = 0.05 + 3 * r();
      const want = Math.pow(x, g);
      worst = Math.max(worst, Math.abs(pow(x, g) - want) / want);
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('is Math.pow where e^(γ·ln x) does not apply, and exact at 1', () => {
    for (const x of [0, Infinity, 1e-310, Number.MIN_VALUE, NaN]) for (const g of [0.3, 1.5]) expect(pow(x, g)).toBe(Math.pow(x, g));
    expect(pow(1, 0.7)).toBe(1);
  });
});
