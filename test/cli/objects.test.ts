import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng, greyPng } from '../core/io/pngWriter';
import { cli, parseCsv, parseReport, tempTree } from './run';
import { encodeNpy } from '../core/io/npyWriter';
import { niftiFile, nrrdFile, reorder, volumeValues } from '../helpers/volumeWriter';

/** A 0/255 grey PNG from rows of text ('#' = 255): a binary ground truth, or a prediction of probability 1. */
const maskPng = (rows: string[]) => greyPng(rows[0].length, rows.length, [...rows.join('')].map((ch) => (ch === '#' ? 255 : 0)), 8);
/** A class map as a palette PNG (digit = class, '.' = 0). */
const PALETTE = Array.from({ length: 16 * 3 }, (_, i) => (i * 53) % 256);
const classPng = (rows: string[]) =>
  encodePng({ width: rows[0].length, height: rows.length, colorType: 'palette', bitDepth: 8, samples: [...rows.join('')].map((ch) => (ch === '.' ? 0 : Number(ch))), palette: PALETTE });

/*
 * a: g1 = p1 (IoU 1); g2 (6 px) ⊃ p2 (4 px), IoU 2/3; g3 missed; p3 extra → tp 2, fp 1, fn 1, ΣIoU 5/3, PQ 5/9.
 * b: two squares touching at a corner; the prediction finds one of them. 8-connectivity: one 8-pixel object
 *    against one 4-pixel prediction, IoU 1/2 (not > 1/2) → tp 0, fp 1, fn 1. 4-connectivity: tp 1, fn 1.
 * Pooled (8): gt 4, pred 4, tp 2, fp 2, fn 2, ΣIoU 5/3 → PQ (5/3)/4, SQ 5/6, RQ 1/2. Mean of per-image PQ: (5/9 + 0)/2.
 */
const dir = tempTree({
  'gt/a.png': maskPng(['##....###.', '##....###.', '..........', '#.........']),
  'pred/a.png': maskPng(['##.....##.', '##.....##.', '..........', '........##']),
  'gt/b.png': maskPng(['##..', '##..', '..##', '..##']),
  'pred/b.png': maskPng(['##..', '##..', '....', '....']),
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

describe('object-level evaluation on files', () => {
  const report = run([dir]);

  it('every pair has its object counts, metrics and objects; the header states the settings', () => {
    expect(report.settings.objects).toEqual({ connectivity: 26, match: 'iou' });
    const a = pairOf(report, 'a').objects!;
    expect(a.connectivity).toBe(8);
    expect(a.counts).toEqual({ gt: 3, pred: 3, tp: 2, fp: 1, fn: 1 });
    expect(a.metrics.pq.value).toBeCloseTo(5 / 9, 12);
    expect(a.metrics.sq.value).toBeCloseTo(5 / 6, 12);
    expect(a.metrics['object-recall'].value).toBeCloseTo(2 / 3, 12);
    expect(a.gtObjects!.filter((o) => o.match === null)).toEqual([{ id: 3, size: 1, volume: 1, box: [0, 3, 0, 3], match: null, iou: 0, dice: 0 }]);
    expect(a.gtObjects![1]).toMatchObject({ size: 6, match: 2, dice: 0.8 });
    expect(pairOf(report, 'b').objects!.counts).toEqual({ gt: 1, pred: 1, tp: 0, fp: 1, fn: 1 });
  });

  it('the summary pools the object counts and matched IoU, and aggregates per-image values', () => {
    const o = report.summary.objects!;
    expect(o.pooled.counts).toEqual({ gt: 4, pred: 4, tp: 2, fp: 2, fn: 2 });
    expect(o.pooled.iouSum).toBeCloseTo(5 / 3, 12);
    expect(o.pooled.metrics.pq.value).toBeCloseTo(5 / 12, 12);
    expect(o.pooled.metrics.sq.value).toBeCloseTo(5 / 6, 12);
    expect(o.pooled.metrics.rq.value).toBeCloseTo(0.5, 12);
    expect(o.pooled.perClass).toBeUndefined();
    expect(o.metrics.pq.mean).toBeCloseTo(5 / 18, 12);
    expect(o.metrics.pq.count).toBe(2);
  });

  it('--connectivity 4 splits touching objects; --match overlap matches by any overlap', () => {
    const four = run([dir, '--connectivity', '4']);
    expect(four.settings.objects).toEqual({ connectivity: 4, match: 'iou' });
    expect(pairOf(four, 'b').objects!.counts).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
    expect(four.summary.objects!.pooled.counts).toEqual({ gt: 5, pred: 4, tp: 3, fp: 1, fn: 2 });
    const overlap = run([dir, '--match', 'overlap']);
    expect(pairOf(overlap, 'b').objects!.counts).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    expect(pairOf(overlap, 'b').objects!.metrics.sq.value).toBe(0.5);
  });

  it('a bad --connectivity or --match is a usage error', () => {
    for (const args of [['--connectivity', '5'], ['--connectivity', 'eight'], ['--match', 'best']]) {
      const r = cli(['report', dir, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(args[0]);
      expect(r.stdout).toBe('');
    }
  });

  it('CSV has the object counts and metrics; markdown and the table show misses, extras and PQ, and the pooled objects', () => {
    const [head, ...rows] = parseCsv(cli(['report', dir, '--format', 'csv']).stdout).filter((r) => r.length > 1);
    const a = rows.find((r) => r[head.indexOf('gt')] === 'gt/a.png')!;
    expect(['gt', 'pred', 'tp', 'fp', 'fn'].map((k) => a[head.indexOf(`objects:${k}`)])).toEqual(['3', '3', '2', '1', '1']);
    expect(Number(a[head.indexOf('objects:pq')])).toBeCloseTo(5 / 9, 12);
    const md = cli(['report', dir, '--format', 'markdown']).stdout;
    expect(md).toMatch(/\| missed \| extra \| pq \|/);
    expect(md).toMatch(/gt\/a\.png \| pred\/a\.png \|.*\| 1\/3 \| 1\/3 \| 0\.5556 \|/);
    expect(md).toContain('## Objects pooled over the dataset');
    expect(md).toContain('| objects | gt | pred | tp | fp | fn | precision | recall | f1 | pq | sq | rq |');
    expect(md).toMatch(/\| all \| 4 \| 4 \| 2 \| 2 \| 2 \| 0\.5 \| 0\.5 \| 0\.5 \| 0\.4167 \| 0\.8333 \| 0\.5 \|/);
    expect(md).toMatch(/\| objects pq \| 0\.2778 \|/);
    const table = cli(['report', dir, '--format', 'table']).stdout;
    expect(table).toMatch(/pred\/b\.png.* 1\/1 +1\/1 +0\n/);
    expect(table).toContain('objects pooled over the dataset');
  });

  it('a multi-class pair: objects per class, never across classes; pooled per class', () => {
    const classes = tempTree({
      'gt/m.png': classPng(['11.22', '11.22', '.....', '.3...']),
      'pred/m.png': classPng(['11122', '11.22', '.....', '.....']),
    });
    const r = run([classes]);
    const o = pairOf(r, 'm').objects!;
    expect(Object.keys(o.perClass!)).toEqual(['1', '2', '3']);
    expect(o.perClass!['1'].gtObjects[0]).toMatchObject({ size: 4, match: 1, iou: 0.8 });
    expect(o.perClass!['3'].counts).toEqual({ gt: 1, pred: 0, tp: 0, fp: 0, fn: 1 });
    expect(o.counts).toEqual({ gt: 3, pred: 2, tp: 2, fp: 0, fn: 1 });
    expect(o.metrics.pq.value).toBeCloseTo(1.8 / 3, 12);
    const pooled = r.summary.objects!.pooled;
    expect(pooled.perClass!['2'].metrics.pq.value).toBe(1);
    expect(pooled.metrics.pq.value).toBeCloseTo(1.8 / 3, 12);
  });

  it('the ignore index removes pixels from objects', () => {
    const ignore = tempTree({
      'gt.png': greyPng(3, 1, [255, 128, 255], 8),
      'pred.png': greyPng(3, 1, [255, 255, 255], 8),
    });
    const r = run(['--gt', join(ignore, 'gt.png'), '--pred', join(ignore, 'pred.png'), '--ignore-index', '128']);
    expect(r.pairs[0].objects!.counts).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
  });
});

describe('objects in a volume (NIfTI)', () => {
  // Two 2×2×1 blocks meeting only at one corner across slices z = 1 and z = 2; the prediction finds the first.
  const DIMS: [number, number, number] = [4, 4, 4];
  const first = (x: number, y: number, z: number) => x < 2 && y < 2 && z === 1;
  const second = (x: number, y: number, z: number) => x >= 2 && y >= 2 && z === 2;
  const vol = tempTree({
    'labelsTs/v.nii': niftiFile({ dims: DIMS, type: 'uint8', spacing: [0.5, 0.5, 2], values: volumeValues(DIMS, (x, y, z) => (first(x, y, z) || second(x, y, z) ? 1 : 0)) }),
    'predictions/v.nii': niftiFile({ dims: DIMS, type: 'uint8', spacing: [0.5, 0.5, 2], values: volumeValues(DIMS, (x, y, z) => (first(x, y, z) ? 1 : 0)) }),
  });

  it('26-connectivity (the default) joins them; 6 keeps them apart; volumes use the header voxel size', () => {
    const full = run([vol]).pairs[0].objects!;
    expect(full.connectivity).toBe(26);
    expect(full.counts).toEqual({ gt: 1, pred: 1, tp: 0, fp: 1, fn: 1 });
    expect(full.gtObjects![0]).toMatchObject({ size: 8, volume: 4, box: [0, 0, 1, 3, 3, 2] });
    const faces = run([vol, '--connectivity', '6']).pairs[0].objects!;
    expect(faces.connectivity).toBe(6);
    expect(faces.counts).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
    expect(faces.gtObjects!.map((o) => [o.match, o.iou, o.dice])).toEqual([[1, 1, 1], [null, 0, 0]]);
    expect(run([vol, '--connectivity', '18']).pairs[0].objects!.counts.gt).toBe(2);
  });
});

describe('instance-id maps (--instances)', () => {
  const W = 6;
  const H = 2;
  const png16 = (values: number[]) => greyPng(W, H, values, 16);

  it('ids: touching cells are separate objects; the pixel metrics read the foreground', () => {
    // Three touching cells in the ground truth; the prediction merges cells 2 and 3 into its cell 7.
    const dir = tempTree({
      'gt/c.png': png16([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]),
      'pred/c.png': png16([5, 5, 7, 7, 7, 7, 5, 5, 7, 7, 7, 7]),
    });
    const r = run([dir, '--instances', 'ids']);
    expect(r.settings.objects).toEqual({ connectivity: 26, match: 'iou', instances: 'ids' });
    const p = r.pairs[0];
    expect(p.mode).toBe('binary');
    expect(p.metrics.dice.value).toBe(1);
    expect(p.objects!.counts).toEqual({ gt: 3, pred: 2, tp: 1, fp: 1, fn: 2 });
    expect(p.objects!.gtObjects!.map((o) => o.match)).toEqual([1, null, null]);
  });

  it('cityscapes: class·1000 + instance; stuff (below 1000) has pixels but no objects', () => {
    // Road (7) on the left; two cars (26000, 26001) touching; the prediction finds one car, the other as road.
    const dir = tempTree({
      'gt/s.png': png16([7, 7, 26000, 26000, 26001, 26001, 7, 7, 26000, 26000, 26001, 26001]),
      'pred/s.png': png16([7, 7, 26004, 26004, 7, 7, 7, 7, 26004, 26004, 7, 7]),
    });
    const p = run([dir, '--instances', 'cityscapes']).pairs[0];
    expect(p.mode).toBe('multiclass');
    expect(p.perClass!['26'].counts).toMatchObject({ tp: 4, fn: 4, fp: 0 });
    expect(p.objects!.perClass!['26'].counts).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
    expect(p.objects!.perClass!['7'].counts).toEqual({ gt: 0, pred: 0, tp: 0, fp: 0, fn: 0 });
    expect(p.objects!.counts).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
  });

  it('an instance map that is not a grey PNG is one line naming the file; the other pairs are computed', () => {
    const dir = tempTree({
      'gt/a.png': png16([1, 1, 0, 0, 2, 2, 1, 1, 0, 0, 2, 2]),
      'pred/a.png': png16([1, 1, 0, 0, 2, 2, 1, 1, 0, 0, 2, 2]),
      'gt/b.png': png16([1, 1, 0, 0, 2, 2, 1, 1, 0, 0, 2, 2]),
      'pred/b.png': encodePng({ width: W, height: H, colorType: 'rgb', bitDepth: 8, samples: new Array(W * H * 3).fill(9) }),
    });
    const r = cli(['report', dir, '--instances', 'ids', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/pred\/b\.png: an instance-id map \(--instances ids\) must be a one-channel grey PNG/)]);
    const report = parseReport(r.stdout);
    expect(pairOf(report, 'a').objects!.counts).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
    expect(pairOf(report, 'b').error!.code).toBe('not-a-mask');
    expect(cli(['report', dir, '--instances', 'coco']).code).toBe(2);
  });
});

describe('instance-id volumes (--instances with NIfTI, NRRD, .npy)', () => {
  /*
   * 4×3×3 voxels, spacing 0.5×0.5×2 (voxel 0.5 mm³). Ground truth: cell A (x 0–1, every y, z 0–1: 12 voxels)
   * touches cell B (x 2–3, same y and z: 12) face to face; cell C is one voxel at (3, 2, 2). The prediction
   * finds A exactly, B without its z = 1 slice (6 of 12: IoU 1/2, not > 1/2, so no match), and adds a voxel
   * at (0, 0, 2). Connected components would merge A and B; as instances they stay apart.
   */
  const DIMS: [number, number, number] = [4, 3, 3];
  const SPACING: [number, number, number] = [0.5, 0.5, 2];
  const gtAt = (a: number, b: number, c: number) => (x: number, y: number, z: number) => (z <= 1 ? (x <= 1 ? a : b) : x === 3 && y === 2 ? c : 0);
  const predAt = (a: number, b: number, extra: number) => (x: number, y: number, z: number) => (z === 0 ? (x <= 1 ? a : b) : z === 1 ? (x <= 1 ? a : 0) : x === 0 && y === 0 ? extra : 0);
  const EXPECTED = { gt: 3, pred: 3, tp: 1, fp: 2, fn: 2 };

  const dir = tempTree({
    // int32 ids above 65535 (renumbered), gzip NIfTI-1
    'gt/i32.nii.gz': niftiFile({ dims: DIMS, type: 'int32', spacing: SPACING, gzip: true, values: volumeValues(DIMS, gtAt(70000, 1_000_000, 5)) }),
    'pred/i32.nii.gz': niftiFile({ dims: DIMS, type: 'int32', spacing: SPACING, gzip: true, values: volumeValues(DIMS, predAt(99, 123456, 2)) }),
    'gt/u16.nrrd': nrrdFile({ dims: DIMS, type: 'uint16', spacing: SPACING, values: volumeValues(DIMS, gtAt(1, 2, 3)) }),
    'pred/u16.nrrd': nrrdFile({ dims: DIMS, type: 'uint16', spacing: SPACING, values: volumeValues(DIMS, predAt(4, 5, 6)) }),
    'gt/xyz.npy': encodeNpy({ descr: '<u2', shape: DIMS, data: reorder(volumeValues(DIMS, gtAt(1, 2, 3)), DIMS, 'xyz') }),
    'pred/xyz.npy': encodeNpy({ descr: '<u2', shape: DIMS, data: reorder(volumeValues(DIMS, predAt(4, 5, 6)), DIMS, 'xyz') }),
  });
  const report = run([dir, '--instances', 'ids']);
  const pair = (name: string) => {
    const p = report.pairs.find((x) => x.gt === `gt/${name}`);
    if (!p) throw new Error(`no pair ${name}`);
    return p;
  };

  it('each instance one object, touching cells apart; boxes in voxels, volumes in mm³ from the header', () => {
    for (const name of ['i32.nii.gz', 'u16.nrrd']) {
      const p = pair(name);
      expect(p.error, name).toBeNull();
      expect([p.width, p.height, p.depth, p.spacing]).toEqual([4, 3, 3, SPACING]);
      expect(p.mode).toBe('binary');
      expect(p.objects!.connectivity).toBe(26);
      expect(p.objects!.counts, name).toEqual(EXPECTED);
      expect(p.objects!.gtObjects!.map((o) => [o.size, o.volume, o.box, o.match, o.iou])).toEqual([
        [12, 6, [0, 0, 0, 1, 2, 1], 1, 1],
        [12, 6, [2, 0, 0, 3, 2, 1], null, 0],
        [1, 0.5, [3, 2, 2, 3, 2, 2], null, 0],
      ]);
      expect(p.objects!.predObjects!.map((o) => [o.size, o.match])).toEqual([[12, 1], [6, null], [1, null]]);
    }
    // The pixel metrics read the foreground: gt 25 voxels, prediction 19, shared 18.
    expect(pair('i32.nii.gz').metrics.dice.value).toBeCloseTo((2 * 18) / (25 + 19), 12);
  });

  it('a 3-D .npy is read in (x, y, z) order like a NIfTI; an .npy instance map of an image is (H, W)', () => {
    const p = pair('xyz.npy');
    expect([p.width, p.height, p.depth]).toEqual([4, 3, 3]);
    expect(p.objects!.counts).toEqual(EXPECTED);
    expect(p.objects!.gtObjects!.map((o) => o.box)).toEqual(pair('u16.nrrd').objects!.gtObjects!.map((o) => o.box));
    const image = tempTree({
      'gt/a.npy': encodeNpy({ descr: '<u2', shape: [2, 3], data: [1, 1, 2, 1, 2, 2] }),
      'pred/a.npy': encodeNpy({ descr: '|u1', shape: [2, 3], data: [9, 9, 9, 9, 9, 9] }),
    });
    const a = run([image, '--instances', 'ids']).pairs[0];
    expect(a.depth).toBeUndefined();
    expect(a.objects!.counts).toEqual({ gt: 2, pred: 1, tp: 0, fp: 1, fn: 2 });
  });

  it('a value that is no instance id, or a volume against an image, is one line naming the file; the other pairs are computed', () => {
    const bad = tempTree({
      'gt/neg.nii': niftiFile({ dims: DIMS, type: 'int16', values: volumeValues(DIMS, (x, y, z) => (x === 1 && y === 2 && z === 1 ? -4 : 1)) }),
      'pred/neg.nii': niftiFile({ dims: DIMS, type: 'int16', values: volumeValues(DIMS, () => 1) }),
      'gt/frac.nii': niftiFile({ dims: DIMS, type: 'int16', values: volumeValues(DIMS, () => 1) }),
      'pred/frac.nii': niftiFile({ dims: DIMS, type: 'float32', values: volumeValues(DIMS, (x) => (x === 2 ? 1.5 : 1)) }),
      'gt/flat.nii': niftiFile({ dims: DIMS, type: 'uint8', values: volumeValues(DIMS, () => 1) }),
      'pred/flat.png': greyPng(4, 3, new Array(12).fill(1), 8),
      'gt/ok.nii': niftiFile({ dims: DIMS, type: 'uint16', values: volumeValues(DIMS, gtAt(1, 2, 3)) }),
      'pred/ok.nii': niftiFile({ dims: DIMS, type: 'uint16', values: volumeValues(DIMS, predAt(4, 5, 6)) }),
    });
    const r = cli(['report', bad, '--instances', 'ids', '--format', 'json']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/gt\/neg\.nii: value -4 at voxel \(x=1, y=2, z=1\) is not an instance id \(--instances ids: a whole number from 0 to 2147483647\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/pred\/frac\.nii: value 1\.5 at voxel \(x=2, y=0, z=0\) is not an instance id/));
    expect(lines).toContainEqual(expect.stringMatching(/pred\/flat\.png: prediction is 4x3 but ground truth .*flat\.nii is 4x3x3/));
    const out = parseReport(r.stdout);
    expect(out.pairs.find((p) => p.gt === 'gt/ok.nii')!.objects!.counts).toEqual(EXPECTED);
  });
});
