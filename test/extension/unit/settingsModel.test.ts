import { describe, expect, it } from 'vitest';
import { LOSSES, METRICS } from '../../../src/core/registry';
import { jobSettings, parseSortKey, readSettings, settingsKey, viewOptions } from '../../../src/extension/settingsModel';

const from = (values: Record<string, unknown>) => readSettings((k) => values[k]);

describe('settings', () => {
  it('defaults to every loss and metric, the paper preset, Dice sorting', () => {
    const { settings, problems } = from({});
    expect(problems).toEqual([]);
    expect(settings.losses).toEqual(LOSSES.map((l) => l.id));
    expect(settings.metrics).toEqual(METRICS.map((m) => m.id));
    expect(settings.preset).toBe('paper');
    expect(settings.sortBy).toEqual({ kind: 'metric', id: 'dice' });
    expect(settings.ignoreIndex).toBeUndefined();
    expect(jobSettings(settings).engine.losses).toBeUndefined();
  });

  it('reads every setting into the job settings the CLI worker takes', () => {
    const { settings, problems } = from({
      preset: 'monai', losses: ['dice', 'focal'], metrics: ['iou'], params: { tversky: { fnWeight: 0.8 }, focal: { alpha: 'none' } },
      threshold: 0.3, ignoreIndex: 255, spacing: [0.5, 2], nsdTolerance: 2, maxPixels: 1000, sortMetric: 'loss:focal',
      'pairing.patterns': [{ gt: 'labels/{stem}.png', pred: 'out/{stem}.npy' }],
    });
    expect(problems).toEqual([]);
    expect(settings.losses).toEqual(['focal', 'dice']); // registry order
    expect(settings.sortBy).toEqual({ kind: 'loss', id: 'focal' });
    expect(jobSettings(settings)).toEqual({
      engine: { preset: 'monai', threshold: 0.3, spacing: [0.5, 2], nsdTolerance: 2, params: { tversky: { fnWeight: 0.8 }, focal: { alpha: 'none' } }, losses: ['focal', 'dice'], metrics: ['iou'] },
      ignoreIndex: 255,
      maxPixels: 1000,
      activation: 'auto',
    });
    expect(viewOptions(settings)).toEqual({ preset: 'monai', threshold: 0.3, spacing: [0.5, 2], nsdTolerance: 2, params: { tversky: { fnWeight: 0.8 }, focal: { alpha: 'none' } } });
    expect(settings.patterns).toEqual([{ gt: 'labels/{stem}.png', pred: 'out/{stem}.npy' }]);
  });

  it('ignores bad values one by one, saying which', () => {
    const { settings, problems } = from({ preset: 'keras', threshold: 2, ignoreIndex: -1, spacing: [0, 1], losses: ['nope'], params: { tversky: { fnWeight: 3, bogus: 1 }, nope: {} }, sortMetric: 'x' });
    expect(settings.preset).toBe('paper');
    expect(settings.threshold).toBe(0.5);
    expect(settings.ignoreIndex).toBeUndefined();
    expect(settings.spacing).toEqual([1, 1]);
    expect(settings.losses).toHaveLength(LOSSES.length);
    expect(settings.params).toEqual({});
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'maskInspector.preset', 'maskInspector.losses', 'maskInspector.params.tversky.fnWeight', 'maskInspector.params.tversky.bogus',
      'maskInspector.params.nope', 'maskInspector.threshold', 'maskInspector.ignoreIndex', 'maskInspector.spacing', 'maskInspector.sortMetric',
    ].sort());
  });

  it('keys the cache by everything that changes the numbers, and nothing else', () => {
    const a = settingsKey(from({}).settings);
    expect(settingsKey(from({ sortMetric: 'iou', classNames: ['bg'] }).settings)).toBe(a);
    expect(settingsKey(from({ threshold: 0.4 }).settings)).not.toBe(a);
    expect(settingsKey(from({ ignoreIndex: 255 }).settings)).not.toBe(a);
  });

  it('parses sort keys', () => {
    expect(parseSortKey('hd95')).toEqual({ kind: 'metric', id: 'hd95' });
    expect(parseSortKey('loss:dice')).toEqual({ kind: 'loss', id: 'dice' });
    expect(parseSortKey('loss:hd95')).toBeUndefined();
  });
});
