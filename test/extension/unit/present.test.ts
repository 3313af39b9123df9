import { describe, expect, it } from 'vitest';
import type { PairReport } from '../../../src/core/report/schema';
import type { Tagged } from '../../../src/core/types';
import { formatValue, qualityOf, worstFirst } from '../../../src/extension/present';

const ok = (value: number): Tagged => ({ value, status: 'ok' });
const report = (metrics: Record<string, Tagged>, error = false): PairReport => ({
  root: '', gt: 'g', pred: 'p', dataset: '', model: '', width: 1, height: 1, mode: 'binary', classes: 2, losses: { dice: metrics.loss ?? ok(0) }, metrics, warnings: [],
  error: error ? { code: 'x', message: 'bad' } : null,
});

describe('presentation', () => {
  it('spells out undefined and infinite values', () => {
    expect(formatValue({ value: null, status: 'undefined' })).toBe('undefined');
    expect(formatValue({ value: null, status: 'infinite' })).toBe('infinite');
    expect(formatValue(ok(0.722534))).toBe('0.7225');
    expect(formatValue(ok(163.8123))).toBe('163.8');
    expect(formatValue(ok(1e-7))).toBe('1.000e-7');
  });

  it('colours ratios by quality, distances not at all', () => {
    expect(qualityOf({ kind: 'metric', id: 'dice' }, ok(0.95))).toBe('good');
    expect(qualityOf({ kind: 'metric', id: 'dice' }, ok(0.8))).toBe('fair');
    expect(qualityOf({ kind: 'metric', id: 'iou' }, ok(0.2))).toBe('poor');
    expect(qualityOf({ kind: 'metric', id: 'hd95' }, ok(3))).toBeUndefined();
    expect(qualityOf({ kind: 'metric', id: 'hd95' }, { value: null, status: 'infinite' })).toBe('poor');
    expect(qualityOf({ kind: 'loss', id: 'dice' }, ok(0.05))).toBe('good');
    expect(qualityOf({ kind: 'loss', id: 'focal' }, ok(0.05))).toBeUndefined(); // unbounded
  });

  it('sorts worst-first: failures, then worst values, undefined, pending', () => {
    const items = ['good', 'pending', 'undef', 'bad', 'failed', 'mid'];
    const reports: Record<string, PairReport | undefined> = {
      good: report({ dice: ok(0.9), hd: ok(1) }),
      undef: report({ dice: { value: null, status: 'undefined' }, hd: { value: null, status: 'infinite' } }),
      bad: report({ dice: ok(0.1), hd: ok(50) }),
      failed: report({}, true),
      mid: report({ dice: ok(0.5), hd: ok(5) }),
    };
    expect(worstFirst(items, (i) => reports[i], { kind: 'metric', id: 'dice' })).toEqual(['failed', 'bad', 'mid', 'good', 'undef', 'pending']);
    expect(worstFirst(items, (i) => reports[i], { kind: 'metric', id: 'hd' })).toEqual(['failed', 'undef', 'bad', 'mid', 'good', 'pending']);
  });
});
