/** Parameter sliders: logarithmic for ranges over decades (generated from every spec of the registry), linear otherwise. */
import { describe, expect, it } from 'vitest';
import { LOSSES } from '../../src/core/registry';
import { isWideRange, paramScale } from '../../webview/ui/paramScale';

const spec = (lossId: string, key: string) => LOSSES.find((l) => l.id === lossId)!.params.find((p) => p.key === key)!;

describe('parameter slider scales', () => {
  it('make every value from 1e-7 up reachable on the 0–100 smoothing slider, 1e-5 and 0 exactly', () => {
    const s = paramScale(spec('dice', 'smooth'));
    expect(s.kind).toBe('log');
    for (const v of [0, 1e-7, 1e-6, 1e-5, 1e-3, 0.01, 1, 100]) expect(s.toValue(s.toPosition(v)), String(v)).toBe(v);
    expect(s.toValue(s.min)).toBe(0);
    expect(s.toValue(s.max)).toBe(100);
    // Neighbouring positions differ by about 2.3 %, whatever the decade.
    const p = s.toPosition(1e-5);
    expect(s.toValue(p + 1) / s.toValue(p)).toBeCloseTo(1.023, 2);
  });

  it('is generated for every wide positive range of the registry and linear for the rest', () => {
    const wide = LOSSES.flatMap((l) => l.params.filter(isWideRange).map((p) => `${l.id}.${p.key}`));
    expect(wide).toEqual(expect.arrayContaining(['dice.smooth', 'generalized-dice.smooth', 'sensitivity-specificity.epsilon', 'weighted-ce.beta']));
    expect(wide).not.toContain('focal.gamma');
    for (const l of LOSSES)
      for (const p of l.params) {
        const s = paramScale(p);
        expect(s.toValue(s.min), `${l.id}.${p.key}`).toBe(p.min);
        expect(s.toValue(s.max), `${l.id}.${p.key}`).toBe(p.max);
        if (typeof p.default === 'number') expect(s.toValue(s.toPosition(p.default)), `${l.id}.${p.key} default`).toBeCloseTo(p.default, 12);
      }
    const gamma = paramScale(spec('focal', 'gamma'));
    expect([gamma.kind, gamma.min, gamma.max, gamma.toValue(3)]).toEqual(['linear', 0, 10, 3]);
  });
});
