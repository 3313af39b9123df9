import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_OPTIONS, isViewOptions } from '../../../src/shared/protocol';
import { pairPayload } from '../../../src/extension/webview/pairMessage';
import { jobSettings, readOptions, readSettings, reportSettings, viewOptions } from '../../../src/extension/settingsModel';
import { encodeNpy } from '../../core/io/npyWriter';
import { greyPng } from '../../core/io/pngWriter';

describe('the comparison panel reads and computes as the report does', () => {
  const files = { gtBytes: greyPng(2, 1, [255, 0]), gtName: 'gt.png', predBytes: encodeNpy({ descr: '<f4', shape: [1, 2], data: [2, -1] }), predName: 'logits.npy' };

  it('logits get the activation setting: sigmoid under auto, refused under none', () => {
    const p = pairPayload(files, { key: 'k', activation: 'auto' });
    const prob = new Float32Array(p.prob);
    expect(prob[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(prob[1]).toBeCloseTo(1 / (1 + Math.exp(1)), 6);
    expect(p.warnings).toContain('logits.npy: values in [-1, 2] are not probabilities; applied sigmoid (--activation auto)');
    expect(() => pairPayload(files, { key: 'k', activation: 'none' })).toThrow(/logits\.npy: values outside \[0, 1\] \(min -1, max 2\)/);
  });

  it('the view options carry the HD percentile and include_background; the read options the activation', () => {
    const { settings } = readSettings((k) => ({ hdPercentile: 90, includeBackground: 'true', activation: 'sigmoid' })[k as 'hdPercentile']);
    const o = viewOptions(settings);
    expect(o).toMatchObject({ hdPercentile: 90, includeBackground: true });
    expect(isViewOptions(o)).toBe(true);
    expect(isViewOptions({ ...DEFAULT_VIEW_OPTIONS, hdPercentile: '90' })).toBe(false);
    expect(viewOptions(readSettings(() => undefined).settings)).toEqual(DEFAULT_VIEW_OPTIONS);
    expect(readOptions(settings).activation).toBe('sigmoid');
  });
});

describe('per-class NSD tolerances, multi-label ground truth and the label map in VS Code', () => {
  const { settings, problems } = readSettings((k) => ({ nsdTolerances: [0, 1, 3], multiLabel: true, labelMap: { 7: 0, 8: 1, 0: null } })[k as 'multiLabel']);

  it('reach the jobs, the report settings and the comparison panel', () => {
    expect(problems).toEqual([]);
    const job = jobSettings(settings);
    expect(job.engine.nsdTolerances).toEqual([0, 1, 3]);
    expect(job.multiLabel).toBe(true);
    expect(reportSettings(settings)).toMatchObject({ nsdTolerances: [0, 1, 3], multiLabel: true });
    expect(viewOptions(settings).nsdTolerances).toEqual([0, 1, 3]);
    expect(isViewOptions(viewOptions(settings))).toBe(true);
    expect(readOptions(settings).labelMap).toEqual({ 7: 0, 8: 1, 0: null });
  });

  it('the comparison panel reads the ground truth through the label map (unlisted → one line)', () => {
    const gt = { gtBytes: greyPng(3, 1, [7, 8, 0]), gtName: 'gt.png', predBytes: greyPng(3, 1, [0, 255, 255]), predName: 'pred.png' };
    const p = pairPayload(gt, { key: 'k', labelMap: { 7: 0, 8: 1, 0: null } });
    expect(Array.from(new Uint8Array(p.labels))).toEqual([0, 1, 255]);
    expect(p.ignoreIndex).toBe(255);
    expect(() => pairPayload({ ...gt, gtBytes: greyPng(3, 1, [7, 9, 0]) }, { key: 'k', labelMap: { 7: 0, 8: 1, 0: null } })).toThrow('gt.png: label 9 at (x=1, y=0) is not in the label map');
  });

  it('a bad tolerance list is one line', () => {
    expect(readSettings((k) => (k === 'nsdTolerances' ? [1, -2] : undefined)).problems).toEqual(['maskInspector.nsdTolerances: [1,-2] is not a list of numbers ≥ 0; using the default']);
  });
});
