/**
 * The three consumers of a pair's files — the report's `computePairJob` (CLI and tree), the worker's
 * thumbnail and the comparison panel's payload — read through one `decodePair`: the same file fails
 * with the same line in each, and the same settings (label map, class limit) apply in each.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computePairJob, type JobSettings } from '../../../src/core/report/pairJob';
import { panelPayload } from '../../../src/extension/webview/pairMessage';
import { pairThumbnail } from '../../../src/extension/worker/thumbnail';
import { nodeDecoders } from '../../../src/node/inflate';
import { encodeNpy } from '../../core/io/npyWriter';
import { greyPng } from '../../core/io/pngWriter';
import { niftiFile, volumeValues } from '../../helpers/volumeWriter';

const platform = { ...nodeDecoders, deflate: (raw: Uint8Array) => deflateSync(raw) };
const job = { root: '', gt: 'gt.png', pred: 'pred.png', dataset: '', model: '' };

/** What each path says about one pair: the report's error line, the thumbnail's and the panel's thrown line. */
function lines(gt: Uint8Array, pred: Uint8Array, s: JobSettings, names = job): string[] {
  const caught = (f: () => unknown) => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const report = computePairJob(names, gt, pred, s, nodeDecoders).error?.message ?? 'no error';
  const thumbnail = caught(() => pairThumbnail(names, gt, pred, s, 64, platform));
  const panel = caught(() => panelPayload({ gtBytes: gt, gtName: names.gt, predBytes: pred, predName: names.pred }, { key: 'k', ...s }, 0.5));
  return [report, thumbnail, panel];
}

describe('one decoding path for the report, the thumbnail and the panel', () => {
  it('a size mismatch is the same line in each', () => {
    const got = lines(greyPng(2, 1, [0, 1]), greyPng(3, 1, [0, 255, 0]), { engine: {} });
    expect(got).toEqual(Array(3).fill('pred.png: prediction is 3x1 but ground truth gt.png is 2x1'));
  });

  it('logits refused under activation none: the same line in each', () => {
    const pred = encodeNpy({ descr: '<f4', shape: [1, 2], data: [2, -1] });
    const got = lines(greyPng(2, 1, [0, 1]), pred, { engine: {}, activation: 'none' }, { ...job, pred: 'logits.npy' });
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(/^logits\.npy: values outside \[0, 1\] \(min -1, max 2\)/);
  });

  it('the class limit applies to thumbnails and the panel too', () => {
    const got = lines(greyPng(3, 1, [0, 1, 300], 16), greyPng(3, 1, [0, 255, 0]), { engine: {} });
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(/^gt\.png: ground truth class 300 gives 301 classes, more than the limit of 255/);
  });

  it('the label map applies to thumbnails: unlisted ids fail, ids mapped to none are ignored', () => {
    const labelMap = { 7: 0, 8: 1, 0: null };
    const pred = greyPng(3, 1, [0, 255, 255]);
    expect(lines(greyPng(3, 1, [7, 9, 0]), pred, { engine: {}, labelMap })).toEqual(Array(3).fill('gt.png: label 9 at (x=1, y=0) is not in the label map'));
    const t = pairThumbnail(job, greyPng(3, 1, [7, 8, 0]), pred, { engine: {}, labelMap }, 64, platform);
    expect(t.counts).toEqual({ tp: 1, fp: 0, fn: 0, tn: 1, ignored: 1 });
  });

  it('instance-id maps are read as such for thumbnails too, as for the numbers', () => {
    // Cityscapes instanceIds: class 1, instances 1 and 2 in the ground truth; one instance predicted.
    const gt = greyPng(4, 1, [0, 1001, 1002, 0], 16);
    const pred = greyPng(4, 1, [0, 1001, 0, 1001], 16);
    const s: JobSettings = { engine: {}, objects: { instances: 'cityscapes' } };
    const report = computePairJob(job, gt, pred, s, nodeDecoders);
    expect(report.error).toBeNull();
    const { ignored: _, ...counts } = pairThumbnail(job, gt, pred, s, 64, platform).counts;
    expect(counts).toEqual(report.counts);
    expect(counts).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 });
  });

  it('a volume pair reads the same in each: counts of the report equal the thumbnail\'s and the panel\'s', () => {
    const dims: [number, number, number] = [4, 3, 2];
    const gt = niftiFile({ dims, type: 'uint8', spacing: [1, 1, 2], values: volumeValues(dims, (x, y) => (x >= 1 && y >= 1 ? 1 : 0)) });
    const pred = niftiFile({ dims, type: 'float32', spacing: [1, 1, 2], values: volumeValues(dims, (x, _y, z) => (x >= 2 && z === 0 ? 0.9 : 0.1)) });
    const names = { ...job, gt: 'gt.nii', pred: 'pred.nii' };
    const report = computePairJob(names, gt, pred, { engine: {} }, nodeDecoders);
    expect(report.error).toBeNull();
    const t = pairThumbnail(names, gt, pred, { engine: {} }, 64, platform);
    const { ignored: _, ...counts } = t.counts;
    expect(counts).toEqual(report.counts);
    const shown = panelPayload({ gtBytes: gt, gtName: 'gt.nii', predBytes: pred, predName: 'pred.nii' }, { key: 'k' }, 0.5);
    if (shown.kind !== 'volume') throw new Error('not read as a volume');
    const labels = new Uint8Array(shown.volume.labels);
    const predicted = new Uint8Array(shown.volume.predicted);
    const tp = labels.filter((l, i) => l === 1 && predicted[i] === 1).length;
    expect([shown.volume.width, shown.volume.height, shown.volume.depth, tp]).toEqual([4, 3, 2, report.counts!.tp]);
  });
});
