/** `maskInspector.objects.*`: read and checked like the other settings, and what the compute gets. */
import { describe, expect, it } from 'vitest';
import { computePairJob } from '../../../src/core/report/pairJob';
import { pairPayload } from '../../../src/extension/webview/pairMessage';
import { jobSettings, readOptions, readSettings, reportSettings, settingsKey, viewOptions } from '../../../src/extension/settingsModel';
import { DEFAULT_VIEW_OPTIONS, isViewOptions } from '../../../src/shared/protocol';
import { greyPng } from '../../core/io/pngWriter';

const from = (values: Record<string, unknown>) => readSettings((key) => values[key]);

describe('object settings', () => {
  it('default to the CLI defaults: every neighbour, IoU > 0.5, connected components', () => {
    const { settings, problems } = from({});
    expect(problems).toEqual([]);
    expect(settings.objects).toEqual({ connectivity: 26, match: 'iou' });
    // The compute then needs nothing (evaluateObjects' defaults); the report states them, as the CLI's does.
    expect(jobSettings(settings).objects).toBeUndefined();
    expect(reportSettings(settings).objects).toEqual({ connectivity: 26, match: 'iou' });
  });

  it('pass connectivity, matching rule and instance encoding to the compute and the report', () => {
    const { settings, problems } = from({ 'objects.connectivity': 4, 'objects.match': 'overlap', 'objects.instances': 'cityscapes' });
    expect(problems).toEqual([]);
    const objects = { connectivity: 4, match: 'overlap', instances: 'cityscapes' };
    expect(jobSettings(settings).objects).toEqual(objects);
    expect(reportSettings(settings).objects).toEqual(objects);
    expect(settingsKey(settings)).not.toBe(settingsKey(from({}).settings));
    expect(from({ 'objects.instances': 'none' }).settings.objects).toEqual({ connectivity: 26, match: 'iou' });
  });

  it('ignore bad values one by one, saying which', () => {
    const { settings, problems } = from({ 'objects.connectivity': 5, 'objects.match': 'best', 'objects.instances': 'coco' });
    expect(settings.objects).toEqual({ connectivity: 26, match: 'iou' });
    expect(problems).toEqual([
      'maskInspector.objects.connectivity: 5 is not one of 4, 8, 6, 18, 26; using the default',
      'maskInspector.objects.match: "best" is not one of iou, overlap; using the default',
      'maskInspector.objects.instances: "coco" is not one of none, cityscapes, ids; using the default',
    ]);
  });

  it('decide the numbers the worker computes (two squares touching at a corner; two touching cells)', () => {
    const corner = greyPng(4, 4, [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1].map((v) => v * 255));
    const job = { root: '', gt: 'gt.png', pred: 'pred.png', dataset: '', model: '' };
    const counts = (values: Record<string, unknown>, gt: Uint8Array, pred: Uint8Array) => computePairJob(job, gt, pred, jobSettings(from(values).settings)).objects?.counts;
    expect(counts({}, corner, corner)).toMatchObject({ gt: 1, tp: 1 });
    expect(counts({ 'objects.connectivity': 4 }, corner, corner)).toMatchObject({ gt: 2, tp: 2 });
    const cells = greyPng(4, 1, [3, 3, 9, 9], 16);
    expect(counts({ 'objects.instances': 'ids' }, cells, cells)).toMatchObject({ gt: 2, tp: 2 });
  });

  it('reach the comparison panel: connectivity and rule in its options, instance maps read by the host and sent with the pixels', () => {
    expect(viewOptions(from({}).settings)).toEqual(DEFAULT_VIEW_OPTIONS);
    const { settings } = from({ 'objects.connectivity': 6, 'objects.match': 'overlap', 'objects.instances': 'ids' });
    const o = viewOptions(settings);
    expect(o).toMatchObject({ connectivity: 6, match: 'overlap' });
    expect(isViewOptions(o)).toBe(true);
    expect(isViewOptions({ ...o, connectivity: 5 })).toBe(false);
    expect(isViewOptions({ ...o, match: 'best' })).toBe(false);
    expect(readOptions(settings).instances).toBe('ids');
    expect(readOptions(from({}).settings).instances).toBeUndefined();
    const cells = greyPng(4, 1, [3, 3, 9, 0], 16);
    const files = { gtBytes: cells, gtName: 'gt.png', predBytes: cells, predName: 'pred.png' };
    const p = pairPayload(files, { key: 'k', instances: 'ids' });
    expect(p.mode).toBe('binary');
    expect(Array.from(new Uint8Array(p.labels))).toEqual([1, 1, 1, 0]);
    expect(Array.from(new Uint16Array(p.instanceIds!.gt))).toEqual([3, 3, 9, 0]);
    expect(Array.from(new Uint16Array(p.instanceIds!.pred))).toEqual([3, 3, 9, 0]);
    expect(pairPayload({ ...files, gtBytes: greyPng(4, 1, [0, 255, 255, 0]), predBytes: greyPng(4, 1, [0, 255, 255, 0]) }, { key: 'k' }).instanceIds).toBeUndefined();
  });
});
