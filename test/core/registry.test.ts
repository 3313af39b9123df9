import { describe, expect, it } from 'vitest';
import { checkParam, parseParamValue, resolveParams } from '../../src/core/params';
import { getLoss, LOSSES, METRICS } from '../../src/core/registry';
import type { ClassStats } from '../../src/core/stats/types';
import { CATEGORIES, PRESETS } from '../../src/core/types';

describe('registry', () => {
  it('lists the twenty losses and ten metrics of the spec, each id once', () => {
    expect(LOSSES.map((l) => l.id)).toEqual([
      'ce', 'weighted-ce', 'balanced-ce', 'focal', 'distance-penalized-ce', 'dice', 'jaccard', 'tversky', 'focal-tversky',
      'sensitivity-specificity', 'log-cosh-dice', 'generalized-dice', 'mcc', 'lovasz-hinge', 'shape-aware', 'hausdorff-dt',
      'boundary', 'exp-log', 'combo', 'dice-ce',
    ]);
    expect(METRICS.map((m) => m.id)).toEqual(['dice', 'iou', 'precision', 'recall', 'specificity', 'accuracy', 'hd', 'hd95', 'assd', 'nsd']);
  });

  it.each(LOSSES.map((l) => [l.id, l] as const))('%s describes itself completely', (_, l) => {
    expect(CATEGORIES).toContain(l.category);
    expect(l.name.length).toBeGreaterThan(0);
    expect(l.formula.length).toBeGreaterThan(0);
    expect(l.paper.year).toBeGreaterThan(1990);
    expect(l.range[0]).toBeLessThan(l.range[1]);
    for (const p of l.params) {
      expect(p.min).toBeLessThan(p.max);
      expect(p.description.length).toBeGreaterThan(0);
      if (typeof p.default === 'number') expect(checkParam(l, p.key, p.default)).toBe(p.default);
      else expect(p.default).toBe(p.special);
    }
    for (const preset of PRESETS) expect(() => resolveParams(l, preset)).not.toThrow();
  });

  it('a loss declares readsFields exactly when its value reads the field sums', () => {
    for (const l of LOSSES) {
      const read = new Set<string>();
      const ones = (name: string) => new Proxy({}, { get: () => (read.add(name), 1) });
      const stats = {
        get sums() { return ones('sums'); },
        get fields() { return ones('fields'); },
        get surface() { return read.add('surface'), { predToGt: Float64Array.of(1), gtToPred: Float64Array.of(1) }; },
        get lovaszHinge() { return read.add('lovasz'), 0.5; },
      } as unknown as ClassStats;
      l.binary(stats, { params: resolveParams(l, 'paper'), preset: 'paper' });
      expect(read.has('fields'), l.id).toBe(l.readsFields === true);
    }
  });

  it('presets change defaults, explicit values win', () => {
    const t = getLoss('tversky');
    expect(resolveParams(t, 'paper')).toEqual({ fpWeight: 0.3, fnWeight: 0.7, smooth: 1 });
    expect(resolveParams(t, 'monai')).toEqual({ fpWeight: 0.5, fnWeight: 0.5, smooth: 1e-5 });
    expect(resolveParams(t, 'monai', { fnWeight: 0.9 })).toEqual({ fpWeight: 0.5, fnWeight: 0.9, smooth: 1e-5 });
    expect(resolveParams(getLoss('focal'), 'smp')).toEqual({ alpha: 'none', gamma: 2 });
  });

  it('parses and checks parameter text', () => {
    expect(parseParamValue(getLoss('focal'), 'alpha', 'none')).toBe('none');
    expect(parseParamValue(getLoss('weighted-ce'), 'beta', 'auto')).toBe('auto');
    expect(parseParamValue(getLoss('focal'), 'gamma', '1.5')).toBe(1.5);
    expect(() => parseParamValue(getLoss('focal'), 'gamma', 'auto')).toThrow(/must be a number/);
    expect(() => parseParamValue(getLoss('focal'), 'gamma', '')).toThrow(/\[0, 10\]/);
    expect(() => parseParamValue(getLoss('tversky'), 'fpWeight', '1.5')).toThrow(/\[0, 1\]/);
    expect(() => parseParamValue(getLoss('dice'), 'gamma', '1')).toThrow(/no parameter 'gamma'.*smooth/);
  });
});
