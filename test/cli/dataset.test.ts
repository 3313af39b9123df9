import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../core/io/npyWriter';
import { encodePng, greyPng } from '../core/io/pngWriter';
import { cli, parseCsv, parseReport, tempTree } from './run';
import { niftiFile, volumeValues } from '../helpers/volumeWriter';

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
    const [head, row] = parseCsv(cli(['report', '--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png'), '--format', 'csv']).stdout);
    expect(['tp', 'fp', 'fn', 'tn'].map((k) => row[head.indexOf(k)])).toEqual(['3', '1', '1', '3']);
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
    const md = cli(['report', dir, '--format', 'markdown', '--metric', 'iou']).stdout;
    expect(md).toMatch(/## Pooled over the dataset — x\n[^#]*\| mean \(foreground\) \|  \|  \|  \| 0\.625 \|/);
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

describe('infinite and undefined values in summaries', () => {
  // 4×4 binary pairs, spacing 0.5 × 2. x: one gt pixel at (0,0), predicted at (3,0) → HD = 3·0.5 = 1.5.
  // y: gt pixel, empty prediction → HD infinite; z: both empty → HD undefined.
  const one = (i: number) => greyPng(4, 4, Array.from({ length: 16 }, (_, k) => (k === i ? 255 : 0)));
  const empty = greyPng(4, 4, new Array(16).fill(0));
  const dir = tempTree({ 'gt/x.png': one(0), 'pred/x.png': one(3), 'gt/y.png': one(5), 'pred/y.png': empty, 'gt/z.png': empty, 'pred/z.png': empty });
  const args = [dir, '--spacing', '0.5,2', '--metric', 'hd,dice'];
  const diagonal = Math.hypot(4 * 0.5, 4 * 2);

  it('the mean leaves them out and counts them; the worst case puts the image diagonal for infinite', () => {
    const hd = run(args).summary.metrics.hd;
    expect(hd).toMatchObject({ mean: 1.5, count: 1, infinite: 1, undefined: 1 });
    expect(hd.worstCase?.mean).toBeCloseTo((1.5 + diagonal) / 2, 12);
    expect(hd.worstCase?.max).toBeCloseTo(diagonal, 12);
    expect(hd.worstCase?.count).toBe(2);
  });

  it('a multi-class pair: each infinite class replaced before the class mean', () => {
    // Class 1 at (0,0), predicted at (1,0) → HD 1; class 2 at (3,3), never predicted → infinite.
    const gt = [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2]];
    const pred = [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
    const d = tempTree({ 'gt.png': classPng(gt), 'pred.npy': oneHotNpy(pred, 3) });
    const r = run(['--gt', join(d, 'gt.png'), '--pred', join(d, 'pred.npy'), '--metric', 'hd']);
    expect(r.pairs[0].metrics.hd.status).toBe('infinite');
    expect(r.summary.metrics.hd).toMatchObject({ mean: null, count: 0, infinite: 1, undefined: 0 });
    expect(r.summary.metrics.hd.worstCase?.mean).toBeCloseTo((1 + Math.hypot(4, 4)) / 2, 12);
  });

  it('a volume: the 3-D diagonal in the voxel size of its header', () => {
    // 4×4×2 voxels of 0.5 × 0.5 × 2: one ground-truth voxel, empty prediction → HD infinite, worst case √(2² + 2² + 4²).
    const dims: [number, number, number] = [4, 4, 2];
    const d = tempTree({
      'labelsTr/v.nii': niftiFile({ dims, type: 'uint8', spacing: [0.5, 0.5, 2], values: volumeValues(dims, (x, y, z) => (x === 1 && y === 1 && z === 0 ? 1 : 0)) }),
      'predictions/v.nii': niftiFile({ dims, type: 'uint8', spacing: [0.5, 0.5, 2], values: volumeValues(dims, () => 0) }),
    });
    const r = run([d, '--metric', 'hd']);
    expect(r.pairs[0].depth).toBe(2);
    expect(r.pairs[0].metrics.hd.status).toBe('infinite');
    expect(r.summary.metrics.hd.worstCase?.mean).toBeCloseTo(Math.sqrt(24), 12);
  });

  it('ratios have no worst case; their undefined values are counted', () => {
    const dice = run(args).summary.metrics.dice;
    // z: both empty → Dice 1 (paper convention); monai: an empty ground truth is undefined.
    expect(dice).toMatchObject({ count: 3, infinite: 0, undefined: 0 });
    expect(dice.worstCase).toBeUndefined();
    expect(run([...args, '--preset', 'monai']).summary.metrics.dice).toMatchObject({ count: 2, undefined: 1 });
  });

  it('table and markdown show the counts next to the mean', () => {
    const table = cli(['report', ...args, '--format', 'table']).stdout;
    expect(table).toMatch(/metric hd\s+1\.5\s+1\.5\s+1\.5\s+1\.5\s+1\s+1\s+1\s+4\.873\n/);
    const md = cli(['report', ...args, '--format', 'markdown']).stdout;
    expect(md).toMatch(/\| metric hd \| 1\.5 \| 1\.5 \| 1\.5 \| 1\.5 \| 1 \| 1 \| 1 \| 4\.873 \|/);
    expect(md).toMatch(/\| infinite \| undefined \| worst-case \|/);
  });
});

describe('--activation: logits', () => {
  // gt 2×2 [1 0 / 0 1]; foreground logits [2 −1 / 0.5 −3] → sigmoid [.88 .27 / .62 .05] → hard [1 0 / 1 0].
  const logits = [[2, -1], [0.5, -3]];
  // Class logits (3, 1, 2) of a 1×2 image whose gt is classes [0, 2].
  const classLogits = [2, 0, 0, 0, 0, 3];
  const softmax = (xs: number[]) => xs.map((x) => Math.exp(x) / xs.reduce((s, y) => s + Math.exp(y), 0));
  const probs = [softmax([2, 0, 0]), softmax([0, 0, 3])];
  const dir = tempTree({
    'gt.png': greyPng(2, 2, [255, 0, 0, 255]),
    'logits.npy': encodeNpy({ descr: '<f4', shape: [2, 2], data: logits.flat() }),
    'gt3.png': classPng([[0, 2]]),
    'class-logits.npy': encodeNpy({ descr: '<f8', shape: [3, 1, 2], data: classLogits }),
    'class-probs.npy': encodeNpy({ descr: '<f8', shape: [3, 1, 2], data: [probs[0][0], probs[1][0], probs[0][1], probs[1][1], probs[0][2], probs[1][2]] }),
  });
  const binary = ['report', '--gt', join(dir, 'gt.png'), '--pred', join(dir, 'logits.npy'), '--format', 'json'];

  it('auto (the default) applies sigmoid to one channel and says so', () => {
    const r = cli(binary);
    expect(r.code, r.stderr).toBe(0);
    const pair = parseReport(r.stdout).pairs[0];
    expect(pair.counts).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 });
    expect(pair.warnings).toContain(`${join(dir, 'logits.npy')}: values in [-3, 2] are not probabilities; applied sigmoid (--activation auto)`);
    // BCE of the sigmoid: −(ln σ(2) + ln(1 − σ(−1)) + ln(1 − σ(0.5)) + ln σ(−3))/4.
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    const bce = -(Math.log(s(2)) + Math.log(1 - s(-1)) + Math.log(1 - s(0.5)) + Math.log(s(-3))) / 4;
    expect(pair.losses.ce.value).toBeCloseTo(bce, 6);
  });

  it('auto applies softmax to class channels: the same numbers as the probabilities', () => {
    const gt3 = ['report', '--gt', join(dir, 'gt3.png'), '--format', 'json'];
    const fromLogits = parseReport(cli([...gt3, '--pred', join(dir, 'class-logits.npy')]).stdout).pairs[0];
    const fromProbs = parseReport(cli([...gt3, '--pred', join(dir, 'class-probs.npy')]).stdout).pairs[0];
    expect(fromLogits.warnings.join('\n')).toMatch(/values in \[0, 3\] are not probabilities; applied softmax over 3 channels/);
    expect(fromLogits.confusion).toEqual([[1, 0, 0], [0, 0, 0], [0, 0, 1]]);
    for (const id of Object.keys(fromProbs.losses)) expect(fromLogits.losses[id].value, id).toBeCloseTo(fromProbs.losses[id].value as number, 5);
  });

  it('none refuses logits: one line naming the file and the range, no crash', () => {
    const r = cli([...binary, '--activation', 'none']);
    expect(r.code).toBe(1);
    const err = parseReport(r.stdout).pairs[0].error;
    expect(err?.code).toBe('not-probabilities');
    expect(err?.message).toBe(`${join(dir, 'logits.npy')}: values outside [0, 1] (min -3, max 2): this tool takes probabilities, not logits; apply sigmoid or softmax first, or give --activation auto|sigmoid|softmax`);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(err?.message as string)]);
  });

  it('softmax on one channel is refused; a bad value is a usage error', () => {
    const r = cli([...binary, '--activation', 'softmax']);
    expect(parseReport(r.stdout).pairs[0].error?.message).toMatch(/logits\.npy: softmax needs class channels .* use sigmoid/);
    const u = cli([...binary, '--activation', 'tanh']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--activation is one of auto, none, sigmoid, softmax, got 'tanh'/);
  });
});

describe('class names and label ids', () => {
  const names = ['background', 'road', 'car'];

  it('--classes FILE: names in the settings and in the pooled rows; perClass keys stay indices', () => {
    const dir = tempTree({ 'names.json': JSON.stringify(names) });
    const r = run([classesDir, '--ignore-index', '255', '--classes', join(dir, 'names.json')]);
    expect(r.settings.classNames).toEqual({ 0: 'background', 1: 'road', 2: 'car' });
    expect(Object.keys(r.pairs[0].perClass!)).toEqual(['0', '1', '2']);
    const table = cli(['report', classesDir, '--ignore-index', '255', '--classes', join(dir, 'names.json'), '--format', 'table', '--metric', 'iou']).stdout;
    expect(table).toMatch(/\n1 road\s+5\s+1\s+4\s+0\.5\n/);
    expect(table).toMatch(/\n2 car\s+11\s+3\s+1\s+0\.7333\n/);
    expect(table).toMatch(/\n3 \(absent\)\s+0\s+0\s+0\s+1\n/);
    const md = cli(['report', classesDir, '--ignore-index', '255', '--classes', join(dir, 'names.json'), '--format', 'markdown', '--metric', 'iou']).stdout;
    expect(md).toMatch(/\| 2 car \| 11 \| 3 \| 1 \| 0\.7333 \|/);
  });

  it("nnU-Net's dataset.json beside the ground-truth folder is found", () => {
    const dir = tempTree({
      'labels/a.png': classPng(images.a.gt),
      'pred/a.png': classPng(images.a.pred),
      'dataset.json': JSON.stringify({ name: 'Demo', labels: { background: 0, liver: 1, tumour: 2 }, numTraining: 1 }),
    });
    const r = cli(['report', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseReport(r.stdout).settings.classNames).toEqual({ 0: 'background', 1: 'liver', 2: 'tumour' });
    expect(r.stderr).toContain(`class names from ${join(dir, 'dataset.json')}`);
  });

  it('a classes.json beside the ground truth, in the id → name form', () => {
    const dir = tempTree({ 'gt/a.png': classPng(images.a.gt), 'pred/a.png': classPng(images.a.pred), 'classes.json': JSON.stringify({ 0: 'sky', 2: 'tree' }) });
    expect(run([dir]).settings.classNames).toEqual({ 0: 'sky', 2: 'tree' });
  });

  it('--label-map maps raw ids to train ids; ids not trained on are ignored', () => {
    // Raw ids 7 → 0, 8 → 1, 26 → 2, 0 → ignore (Cityscapes style).
    const dir = tempTree({
      'map.json': JSON.stringify([{ id: 0, trainId: 255 }, { id: 7, trainId: 0 }, { id: 8, trainId: 1 }, { id: 26, trainId: 2 }]),
      'gt/a.png': greyPng(4, 1, [7, 8, 26, 0]),
      'pred/a.png': classPng([[0, 1, 1, 2]]),
      'gt/b.png': greyPng(4, 1, [7, 33, 7, 7]),
      'pred/b.png': classPng([[0, 0, 0, 0]]),
    });
    const r = cli(['report', dir, '--label-map', join(dir, 'map.json'), '--format', 'json']);
    const report = parseReport(r.stdout);
    expect(report.settings.ignoreIndex).toBe(255);
    expect(report.settings.labelMap).toEqual({ 0: null, 7: 0, 8: 1, 26: 2 });
    expect(pairOf(report, 'a').confusion).toEqual([[1, 0, 0], [0, 1, 0], [0, 1, 0]]);
    // A raw id the map does not list: one clear line, the other pair still computed.
    expect(r.code).toBe(1);
    expect(pairOf(report, 'b').error).toEqual({ code: 'not-in-label-map', message: 'gt/b.png: label 33 at (x=1, y=0) is not in the label map' });
    expect(r.stderr).toContain('gt/b.png: label 33 at (x=1, y=0) is not in the label map');
    noStack(r.stderr);
  });

  it('a bad class or label file: one line, exit 1', () => {
    const dir = tempTree({ 'bad.json': '{"labels": 3}', 'map.json': '{"road": 1}' });
    const c = cli(['report', classesDir, '--classes', join(dir, 'bad.json')]);
    expect(c.code).toBe(1);
    expect(c.stderr.trim()).toBe(`mask-inspector: ${join(dir, 'bad.json')}: class names: expected a list of names or an object of ids and names`);
    const m = cli(['report', classesDir, '--label-map', join(dir, 'map.json')]);
    expect(m.stderr.trim()).toBe(`mask-inspector: ${join(dir, 'map.json')}: label map: entry 'road': raw id must be an integer 0..65535`);
  });
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('--hd-percentile and per-class --nsd-tolerance', () => {
  it('hd95 at another percentile (numpy linear interpolation)', () => {
    // 8×1: gt pixel x=0; prediction x=0..4. D(P→G) = [0 1 2 3 4], D(G→P) = [0].
    const dir = tempTree({ 'gt.png': greyPng(8, 1, [255, 0, 0, 0, 0, 0, 0, 0]), 'pred.png': greyPng(8, 1, [255, 255, 255, 255, 255, 0, 0, 0]) });
    const args = ['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png'), '--metric', 'hd,hd95'];
    const base = run(args);
    expect(base.pairs[0].metrics.hd.value).toBe(4);
    expect(base.pairs[0].metrics.hd95.value).toBeCloseTo(3.8, 12);
    const p50 = run([...args, '--hd-percentile', '50']);
    expect(p50.settings.hdPercentile).toBe(50);
    expect(p50.pairs[0].metrics.hd95.value).toBe(2);
    expect(cli(['report', ...args, '--hd-percentile', '101']).stderr).toMatch(/--hd-percentile needs a number in \[0, 100\], got '101'/);
  });

  it('one tolerance per class', () => {
    // 8×1: class 1 at x=0 predicted at x=2, class 2 at x=5 predicted at x=7: every boundary distance is 2.
    const dir = tempTree({ 'gt.png': classPng([[1, 0, 0, 0, 0, 2, 0, 0]]), 'pred.png': classPng([[0, 0, 1, 0, 0, 0, 0, 2]]) });
    const args = ['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png'), '--metric', 'nsd'];
    const r = run([...args, '--nsd-tolerance', '0,1,3']);
    expect(r.settings.nsdTolerances).toEqual([0, 1, 3]);
    expect(r.pairs[0].perClass!['1'].metrics.nsd.value).toBe(0);
    expect(r.pairs[0].perClass!['2'].metrics.nsd.value).toBe(1);
    expect(r.pairs[0].metrics.nsd.value).toBe(0.5);
    expect(run([...args, '--nsd-tolerance', '2']).pairs[0].metrics.nsd.value).toBe(1);
    // Too few tolerances: the pair fails with one line.
    const short = cli(['report', ...args, '--nsd-tolerance', '1,1', '--format', 'json']);
    expect(short.code).toBe(1);
    expect(parseReport(short.stdout).pairs[0].error?.message).toBe(`${join(dir, 'gt.png')} with ${join(dir, 'pred.png')}: NSD tolerances are given for 2 classes (0–1) but the pair has class 2`);
    expect(cli(['report', ...args, '--nsd-tolerance', '1,,2']).code).toBe(2);
  });
});

describe('MONAI conventions', () => {
  it('MeanIoU and Dice ignore_empty: an empty ground truth is undefined under preset monai', () => {
    const empty = greyPng(4, 1, [0, 0, 0, 0]);
    const dir = tempTree({ 'gt/e.png': empty, 'pred/e.png': greyPng(4, 1, [255, 0, 0, 0]), 'gt/b.png': empty, 'pred/b.png': empty });
    const paper = run([dir, '--metric', 'iou,dice']);
    expect(pairOf(paper, 'e').metrics.iou).toEqual({ value: 0, status: 'ok' });
    expect(pairOf(paper, 'b').metrics.iou).toEqual({ value: 1, status: 'ok' });
    const monai = run([dir, '--metric', 'iou,dice', '--preset', 'monai']);
    for (const stem of ['e', 'b'])
      for (const id of ['iou', 'dice']) expect(pairOf(monai, stem).metrics[id], `${stem} ${id}`).toEqual({ value: null, status: 'undefined' });
    expect(monai.summary.metrics.iou).toMatchObject({ count: 0, undefined: 2 });
  });

  it('generalized Dice on the single foreground channel with --include-background false', () => {
    // gt [1 1 0 0], p [1 .5 0 0]. Foreground: Σpy 1.5, Σp 1.5, Σy 2, w 1/4; background: Σpy 2, Σp 2.5, Σy 2, w 1/4.
    const dir = tempTree({ 'gt.png': greyPng(4, 1, [255, 255, 0, 0]), 'pred.npy': encodeNpy({ descr: '<f8', shape: [1, 4], data: [1, 0.5, 0, 0] }) });
    const args = ['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.npy'), '--loss', 'generalized-dice', '--preset', 'monai'];
    const s = 1e-5;
    const both = run(args).pairs[0].losses['generalized-dice'].value;
    expect(both).toBeCloseTo(1 - (2 * (1.5 / 4 + 2 / 4) + s) / ((1.5 + 2) / 4 + (2.5 + 2) / 4 + s), 10);
    const fg = run([...args, '--include-background', 'false']);
    expect(fg.settings.includeBackground).toBe(false);
    expect(fg.pairs[0].losses['generalized-dice'].value).toBeCloseTo(1 - (2 * (1.5 / 4) + s) / ((1.5 + 2) / 4 + s), 10);
  });

  it('--include-background for multi-class metrics and class-mean losses', () => {
    // Image a: IoU class 0 = 4/9, class 1 = 1/2, class 2 = 3/4.
    const gt = join(classesDir, 'gt/a.png');
    const pred = join(classesDir, 'pred/a.png');
    const base = ['--gt', gt, '--pred', pred, '--metric', 'iou', '--loss', 'dice,generalized-dice'];
    expect(run(base).pairs[0].metrics.iou.value).toBeCloseTo((0.5 + 0.75) / 2, 12);
    const all = run([...base, '--include-background', 'true']).pairs[0];
    expect(all.metrics.iou.value).toBeCloseTo((4 / 9 + 0.5 + 0.75) / 3, 12);
    const fg = run([...base, '--include-background', 'false']).pairs[0];
    const dice = (k: string) => fg.perClass![k].losses.dice.value as number;
    expect(fg.losses.dice.value).toBeCloseTo((dice('1') + dice('2')) / 2, 12);
    // Hard one-hot prediction: generalized Dice over classes 1, 2 with w = 1/8², 1/4² (s = 1e-5).
    const w1 = 1 / 64;
    const w2 = 1 / 16;
    expect(fg.losses['generalized-dice'].value).toBeCloseTo(1 - (2 * (w1 * 4 + w2 * 3) + 1e-5) / (w1 * (4 + 8) + w2 * (3 + 4) + 1e-5), 10);
    expect(cli(['report', ...base, '--include-background', 'yes']).code).toBe(2);
  });

  it('--include-background false on categorical CE, dice-ce and exp-log (MONAI DiceCELoss: CE over every class)', () => {
    // 2×2, labels 0 1 / 2 1; each pixel 1/2 on its class, 1/4 on the others. Per class: tp (0.5, 1, 0.5),
    // Σp (1.25, 1.5, 1.25), Σy (1, 2, 1), Σ_{label=c} −ln q_c = (1, 2, 1)·ln 2; Dice loss (s = 1) 5/13, 1/3, 5/13.
    const dir = tempTree({
      'gt.png': classPng([[0, 1], [2, 1]]),
      'pred.npy': encodeNpy({ descr: '<f8', shape: [3, 2, 2], data: [0.5, 0.25, 0.25, 0.25, 0.25, 0.5, 0.25, 0.5, 0.25, 0.25, 0.5, 0.25] }),
    });
    const args = ['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.npy'), '--loss', 'ce,dice-ce,exp-log', '--metric', 'iou'];
    const ln2 = Math.log(2);
    const a = ln2 ** 0.3;
    const dTerm = (d: number) => (-Math.log(1 - d)) ** 0.3;
    const on = run(args).pairs[0].losses;
    expect(on.ce.value).toBeCloseTo(ln2, 12);
    expect(on['dice-ce'].value).toBeCloseTo(ln2 + (5 / 13 + 1 / 3 + 5 / 13) / 3, 12);
    // Weights sqrt(4/f) for f = (1, 2, 1).
    expect(on['exp-log'].value).toBeCloseTo(0.8 * (2 * dTerm(5 / 13) + dTerm(1 / 3)) / 3 + (0.2 * (2 * a + Math.SQRT2 * 2 * a + 2 * a)) / 4, 12);
    const off = run([...args, '--include-background', 'false']).pairs[0].losses;
    expect(off.ce.value).toBeCloseTo((3 * ln2) / 4, 12);
    expect(off['dice-ce'].value).toBeCloseTo(ln2 + (1 / 3 + 5 / 13) / 2, 12);
    // Weights sqrt(3/f) for the foreground f = (2, 1); N stays 4.
    expect(off['exp-log'].value).toBeCloseTo(0.8 * (dTerm(1 / 3) + dTerm(5 / 13)) / 2 + (0.2 * (Math.sqrt(1.5) * 2 * a + Math.sqrt(3) * a)) / 4, 12);
  });
});

describe('--multi-label: (C, H, W) ground truth of overlapping channels', () => {
  // BraTS-like regions on a 2×2 image: whole tumour [1 1 / 1 0] ⊃ core [1 1 / 0 0] ⊃ enhancing [1 0 / 0 0].
  const gt = [1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0];
  // Logits → sigmoid → hard: WT [1 1 / 0 0], TC [1 0 / 0 0], ET nothing.
  const logits = [2, 2, -1, -1, 3, -2, -2, -2, -1, -1, -1, -1];
  const dir = tempTree({
    'gt/a.npy': encodeNpy({ descr: '|u1', shape: [3, 2, 2], data: gt }),
    'pred/a.npy': encodeNpy({ descr: '<f4', shape: [3, 2, 2], data: logits }),
    'gt/b.npy': encodeNpy({ descr: '|u1', shape: [3, 2, 2], data: gt.map((v, i) => (i === 5 ? 2 : v)) }),
    'pred/b.npy': encodeNpy({ descr: '<f4', shape: [3, 2, 2], data: logits }),
  });

  it('one binary problem per channel, counts per channel, the pair the mean over channels', () => {
    const r = cli(['report', dir, '--multi-label', 'true', '--metric', 'dice', '--format', 'json']);
    const report = parseReport(r.stdout);
    expect(report.settings.multiLabel).toBe(true);
    const a = report.pairs.find((p) => p.gt === 'gt/a.npy')!;
    expect(a.mode).toBe('multilabel');
    expect(a.classes).toBe(3);
    expect(a.perClass!['0'].counts).toEqual({ tp: 2, fp: 0, fn: 1, tn: 1 });
    expect(a.perClass!['1'].counts).toEqual({ tp: 1, fp: 0, fn: 1, tn: 2 });
    expect(a.perClass!['2'].counts).toEqual({ tp: 0, fp: 0, fn: 1, tn: 3 });
    expect(a.perClass!['1'].metrics.dice.value).toBeCloseTo(2 / 3, 12);
    expect(a.metrics.dice.value).toBeCloseTo((4 / 5 + 2 / 3 + 0) / 3, 12);
    expect(a.warnings.join('\n')).toMatch(/applied sigmoid \(--activation auto\)/);
    // A channel value that is not 0/1: one line, the other pair computed.
    const b = report.pairs.find((p) => p.gt === 'gt/b.npy')!;
    expect(b.error?.message).toBe('gt/b.npy: multi-label ground truth value 2 in channel 1 at (x=1, y=0); channels must hold 0 and 1');
    expect(r.code).toBe(1);
  });

  it('pooled over the dataset: each channel’s counts summed, the mean over channels, an empty channel absent', () => {
    // Four channels: the three regions and one empty in every ground truth and prediction.
    const gt4 = [...gt, 0, 0, 0, 0];
    const pooledDir = tempTree({
      'gt/a.npy': encodeNpy({ descr: '|u1', shape: [4, 2, 2], data: gt4 }),
      'pred/a.npy': encodeNpy({ descr: '<f4', shape: [4, 2, 2], data: [...logits, -5, -5, -5, -5] }),
      'gt/c.npy': encodeNpy({ descr: '|u1', shape: [4, 2, 2], data: gt4 }),
      // Every region predicted everywhere: WT tp 3 fp 1, TC tp 2 fp 2, ET tp 1 fp 3.
      'pred/c.npy': encodeNpy({ descr: '<f4', shape: [4, 2, 2], data: [...gt.map(() => 4), -5, -5, -5, -5] }),
    });
    const report = run([pooledDir, '--multi-label', 'true', '--metric', 'iou,dice,hd']);
    const p = report.summary.pooled!;
    expect(p.multiLabel).toBe(true);
    expect(p.confusion).toBeUndefined();
    // a + c: WT tp 2+3, fp 0+1, fn 1+0; TC tp 1+2, fp 0+2, fn 1+0; ET tp 0+1, fp 0+3, fn 1+0.
    expect(p.perClass['0'].counts).toEqual({ tp: 5, fp: 1, fn: 1, tn: 1 });
    expect(p.perClass['1'].counts).toEqual({ tp: 3, fp: 2, fn: 1, tn: 2 });
    expect(p.perClass['2'].counts).toEqual({ tp: 1, fp: 3, fn: 1, tn: 3 });
    expect(p.perClass['3'].counts).toEqual({ tp: 0, fp: 0, fn: 0, tn: 8 });
    expect(p.absent).toEqual([3]);
    expect(p.meanOver).toBe('all');
    expect(p.perClass['0'].metrics.iou.value).toBeCloseTo(5 / 7, 12);
    expect(p.perClass['2'].metrics.dice.value).toBeCloseTo(2 / 6, 12);
    expect(p.metrics.iou.value).toBeCloseTo((5 / 7 + 3 / 6 + 1 / 5) / 3, 12);
    expect(p.metrics.dice.value).toBeCloseTo((10 / 12 + 6 / 9 + 2 / 6) / 3, 12);
    // Distances do not pool.
    expect(p.metrics.hd).toBeUndefined();
    // The text formats show the pooled rows too.
    const md = cli(['report', pooledDir, '--multi-label', 'true', '--metric', 'iou', '--format', 'markdown']);
    expect(md.stdout).toMatch(/## Pooled over the dataset[^]*\| 3 \(absent\) \|[^]*\| mean \(all classes\) \|/);
  });
});
