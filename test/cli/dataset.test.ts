import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../core/io/npyWriter';
import { encodePng, greyPng } from '../core/io/pngWriter';
import { cli, parseReport, tempTree } from './run';

/** A 256-entry palette, so index 255 (void) is a valid colour. */
const PALETTE = Array.from({ length: 256 * 3 }, (_, i) => (i * 53) % 256);
const classPng = (rows: number[][]) => encodePng({ width: rows[0].length, height: rows.length, colorType: 'palette', bitDepth: 8, samples: rows.flat(), palette: PALETTE });
/** One-hot [C,H,W] float32 probabilities of a class map. */
function oneHotNpy(rows: number[][], classes: number): Uint8Array {
  const h = rows.length;
  const w = rows[0].length;
  const data = new Array<number>(classes * h * w).fill(0);
  rows.flat().forEach((c, i) => (data[c * h * w + i] = 1));
  return encodeNpy({ descr: '<f4', shape: [classes, h, w], data });
}

/*
 * Three 4×4 images, classes 0 (background), 1, 2, and a class 3 that only the last prediction has a
 * channel for and that never occurs. Hand-computed confusion matrices (rows gt, columns pred):
 *   a: [[4,0,0],[4,4,0],[1,0,3]]             IoU1 = 4/8 = 0.5, IoU2 = 3/4        → image mIoU 0.625
 *   b: [[12,1,1],[0,1,0],[0,0,0]] (1 void)   IoU1 = 1/2, IoU2 = 0/1 = 0          → image mIoU 0.25
 *   c: [[6,0,2,0],[0,0,0,0],[0,0,8,0],[0,…]] IoU1 = IoU3 = 1 (both empty), IoU2 = 8/10 → image mIoU 2.8/3
 * Pooled: [[22,1,3,0],[4,5,0,0],[1,0,11,0],[0,0,0,0]]
 *   class 1: tp 5, fp 1, fn 4 → IoU 5/10, Dice 10/15; class 2: tp 11, fp 3, fn 1 → IoU 11/15, Dice 22/26
 *   class 0: tp 22, fp 5, fn 4 → IoU 22/31; class 3 absent everywhere → left out of the mean.
 * Pooled mIoU (foreground) = (1/2 + 11/15)/2 = 0.61666…, the mean of per-image mIoU = (0.625 + 0.25 + 2.8/3)/3 = 0.60277…
 */
const images = {
  a: {
    gt: [[1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 2, 2], [0, 0, 2, 2]],
    pred: [[1, 1, 1, 1], [0, 0, 0, 0], [0, 0, 2, 2], [0, 0, 2, 0]],
  },
  b: {
    gt: [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 255]],
    pred: [[1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 0, 0, 1]],
  },
  c: {
    gt: [[2, 2, 2, 2], [2, 2, 2, 2], [0, 0, 0, 0], [0, 0, 0, 0]],
    pred: [[2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 0, 0], [0, 0, 0, 0]],
  },
};
const classesDir = tempTree({
  'gt/a.png': classPng(images.a.gt),
  'pred/a.png': classPng(images.a.pred),
  'gt/b.png': classPng(images.b.gt),
  'pred/b.png': classPng(images.b.pred),
  'gt/c.png': classPng(images.c.gt),
  'pred/c.npy': oneHotNpy(images.c.pred, 4),
});

const run = (args: string[]) => {
  const r = cli(['report', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return parseReport(r.stdout);
};
const pairOf = (report: ReturnType<typeof parseReport>, stem: string) => {
  const p = report.pairs.find((x) => x.gt === `gt/${stem}.png`);
  if (!p) throw new Error(`no pair ${stem}`);
  return p;
};

describe('counts and confusion matrices in every pair', () => {
  const report = run([classesDir, '--ignore-index', '255']);

  it('a multi-class pair: its confusion matrix, ignored pixels left out', () => {
    expect(pairOf(report, 'a').confusion).toEqual([[4, 0, 0], [4, 4, 0], [1, 0, 3]]);
    expect(pairOf(report, 'b').confusion).toEqual([[12, 1, 1], [0, 1, 0], [0, 0, 0]]);
    expect(pairOf(report, 'c').confusion).toEqual([[6, 0, 2, 0], [0, 0, 0, 0], [0, 0, 8, 0], [0, 0, 0, 0]]);
  });

  it('per class counts, one class against the rest', () => {
    const a = pairOf(report, 'a').perClass!;
    expect(a['0'].counts).toEqual({ tp: 4, fp: 5, fn: 0, tn: 7 });
    expect(a['1'].counts).toEqual({ tp: 4, fp: 0, fn: 4, tn: 8 });
    expect(a['2'].counts).toEqual({ tp: 3, fp: 0, fn: 1, tn: 12 });
    const b = pairOf(report, 'b').perClass!;
    expect(b['2'].counts).toEqual({ tp: 0, fp: 1, fn: 0, tn: 14 });
    expect(pairOf(report, 'a').counts).toBeUndefined();
  });

  it('a binary pair: tp, fp, fn, tn of p > threshold', () => {
    // gt: left half of a 4×2 image; prediction (grey/255): 200 255 0 100 / 128 0 0 255.
    const dir = tempTree({
      'gt.png': greyPng(4, 2, [255, 255, 0, 0, 255, 255, 0, 0]),
      'pred.png': greyPng(4, 2, [200, 255, 0, 100, 128, 0, 0, 255]),
    });
    const pair = run(['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png')]).pairs[0];
    expect(pair.counts).toEqual({ tp: 3, fp: 1, fn: 1, tn: 3 });
    expect(pair.metrics.dice.value).toBeCloseTo(6 / 8, 12);
    // 100/255 > 0.35: one more false positive.
    expect(run(['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png'), '--threshold', '0.35']).pairs[0].counts).toEqual({ tp: 3, fp: 2, fn: 1, tn: 2 });
  });
});

describe('pooled (dataset-level) metrics from summed counts', () => {
  const report = run([classesDir, '--ignore-index', '255']);
  const pooled = report.summary.pooled!;

  it('sums the confusion matrices and the per-class counts', () => {
    expect(pooled.confusion).toEqual([[22, 1, 3, 0], [4, 5, 0, 0], [1, 0, 11, 0], [0, 0, 0, 0]]);
    expect(pooled.perClass['1'].counts).toEqual({ tp: 5, fp: 1, fn: 4, tn: 37 });
    expect(pooled.perClass['2'].counts).toEqual({ tp: 11, fp: 3, fn: 1, tn: 32 });
    expect(pooled.perClass['1'].metrics.iou.value).toBeCloseTo(0.5, 12);
    expect(pooled.perClass['2'].metrics.iou.value).toBeCloseTo(11 / 15, 12);
    expect(pooled.perClass['2'].metrics.dice.value).toBeCloseTo(22 / 26, 12);
  });

  it('pooled mIoU differs from the mean of per-image mIoU, and both are right', () => {
    expect(pooled.meanOver).toBe('foreground');
    expect(pooled.absent).toEqual([3]);
    expect(pooled.metrics.iou.value).toBeCloseTo((0.5 + 11 / 15) / 2, 12);
    expect(pooled.metrics.dice.value).toBeCloseTo((10 / 15 + 22 / 26) / 2, 12);
    expect(report.summary.metrics.iou.mean).toBeCloseTo((0.625 + 0.25 + 2.8 / 3) / 3, 12);
  });

  it('--mean-over all counts background (VOC, mmseg), still without absent classes', () => {
    const all = run([classesDir, '--ignore-index', '255', '--mean-over', 'all']);
    expect(all.settings.meanOver).toBe('all');
    expect(all.summary.pooled!.metrics.iou.value).toBeCloseTo((22 / 31 + 0.5 + 11 / 15) / 3, 12);
  });

  it('per model, when several prediction folders share the ground truth', () => {
    const dir = tempTree({
      'gt/a.png': classPng(images.a.gt),
      'pred/x/a.png': classPng(images.a.pred),
      'pred/y/a.png': classPng(images.a.gt),
    });
    const s = run([dir]).summary;
    expect(s.models!.x.pooled!.metrics.iou.value).toBeCloseTo((0.5 + 0.75) / 2, 12);
    expect(s.models!.y.pooled!.metrics.iou.value).toBe(1);
    expect(s.pooled!.confusion).toEqual([[8, 0, 0], [4, 12, 0], [1, 0, 7]]);
  });

  it('binary pairs pool their counts: pooled Dice is not the mean Dice', () => {
    // x: gt 4 pixels, prediction 2 of them → Dice 4/6; y: gt 1 pixel, prediction that pixel and 3 more → Dice 2/5.
    const dir = tempTree({
      'gt/x.png': greyPng(4, 2, [255, 255, 255, 255, 0, 0, 0, 0]),
      'pred/x.png': greyPng(4, 2, [255, 255, 0, 0, 0, 0, 0, 0]),
      'gt/y.png': greyPng(4, 2, [255, 0, 0, 0, 0, 0, 0, 0]),
      'pred/y.png': greyPng(4, 2, [255, 255, 255, 255, 0, 0, 0, 0]),
    });
    const r = run([dir]);
    // Summed: tp 3, fp 3, fn 2 → Dice 6/11.
    expect(r.summary.pooled!.perClass['1'].counts).toEqual({ tp: 3, fp: 3, fn: 2, tn: 8 });
    expect(r.summary.pooled!.metrics.dice.value).toBeCloseTo(6 / 11, 12);
    expect(r.summary.metrics.dice.mean).toBeCloseTo((4 / 6 + 2 / 5) / 2, 12);
  });

  it('a bad --mean-over is a usage error', () => {
    const r = cli(['report', classesDir, '--mean-over', 'some']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mean-over is one of foreground, all, got 'some'/);
  });
});
