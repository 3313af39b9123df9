import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_OPTIONS, isViewOptions } from '../../../src/shared/protocol';
import { pairPayload } from '../../../src/extension/webview/pairMessage';
import { readOptions, readSettings, viewOptions } from '../../../src/extension/settingsModel';
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
