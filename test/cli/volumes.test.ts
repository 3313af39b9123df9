import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, parseReport, tempTree } from './run';
import { close } from '../helpers/reference';
import { encodeNpy } from '../core/io/npyWriter';
import { greyPng } from '../core/io/pngWriter';
import { niftiFile, npzFile, nrrdFile, reorder, volumeValues } from '../helpers/volumeWriter';
import type { PairReport } from '../../src/core/report/schema';

const REF3D = join(__dirname, '..', 'fixtures', 'reference3d');

/** A small anisotropic ellipsoid and a soft prediction of a shifted one. */
const DIMS: [number, number, number] = [14, 12, 9];
const SPACING: [number, number, number] = [0.8, 0.9, 2];
const GT = volumeValues(DIMS, (x, y, z) => (((x - 6) / 4.5) ** 2 + ((y - 6) / 4) ** 2 + ((z - 4) / 2.6) ** 2 < 1 ? 1 : 0));
const PROB = volumeValues(DIMS, (x, y, z) => Math.fround(1 / (1 + Math.exp(6 * (Math.hypot((x - 7) / 4.5, (y - 6) / 4, (z - 4) / 2.6) - 1)))));

const report = (args: string[]) => {
  const r = cli(['report', ...args, '--format', 'json']);
  return { ...r, report: parseReport(r.stdout) };
};
const byPred = (pairs: PairReport[]) => Object.fromEntries(pairs.map((p) => [p.pred.split('/').pop()!, p]));

describe('3-D reference vectors through the CLI (nnU-Net layout: labelsTs/ with predictions/)', () => {
  it('every paper value of each expected.json, with the header spacing and depth in the report', () => {
    const files: Record<string, Uint8Array> = {};
    const cases = readdirSync(REF3D).sort();
    for (const name of cases) {
      const e = JSON.parse(readFileSync(join(REF3D, name, 'expected.json'), 'utf8'));
      const ext = (f: string) => f.slice(f.indexOf('.'));
      files[`labelsTs/${name}${ext(e.files.gt)}`] = readFileSync(join(REF3D, name, e.files.gt));
      files[`predictions/${name}${ext(e.files.pred)}`] = readFileSync(join(REF3D, name, e.files.pred));
    }
    const r = report([tempTree(files)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.pairs).toHaveLength(cases.length);
    for (const name of cases) {
      const e = JSON.parse(readFileSync(join(REF3D, name, 'expected.json'), 'utf8'));
      const p = r.report.pairs.find((q) => q.gt.startsWith(`labelsTs/${name}.`))!;
      expect(p.error, name).toBeNull();
      expect([p.width, p.height, p.depth], name).toEqual(e.shape);
      expect(p.spacing, name).toEqual(e.spacing);
      for (const [id, v] of Object.entries(e.paper.losses as Record<string, number>)) expect(close(p.losses[id]!.value, v), `${name} ${id}: ${p.losses[id]!.value} vs ${v}`).toBe(true);
      for (const [id, v] of Object.entries(e.paper.metrics as Record<string, { value: number | null; status: string }>)) {
        expect(p.metrics[id]!.status, `${name} ${id}`).toBe(v.status);
        if (v.value !== null) expect(close(p.metrics[id]!.value, v.value), `${name} ${id}: ${p.metrics[id]!.value} vs ${v.value}`).toBe(true);
      }
    }
    const reversed = r.report.pairs.find((q) => q.pred.endsWith('.npy'))!;
    expect(reversed.warnings.join('\n')).toMatch(/read in reversed \(z, y, x\) order/);
  });
});

describe('every volume format gives the same numbers', () => {
  let dir: string;
  beforeAll(() => {
    const gtVariants: Record<string, Uint8Array> = {
      'nifti1-u8.nii': niftiFile({ dims: DIMS, values: GT, type: 'uint8', spacing: SPACING }),
      'nifti1-i16.nii.gz': niftiFile({ dims: DIMS, values: GT, type: 'int16', spacing: SPACING, gzip: true }),
      'nifti1-big-endian-i32.nii': niftiFile({ dims: DIMS, values: GT, type: 'int32', spacing: SPACING, bigEndian: true }),
      'nifti1-i64.nii.gz': niftiFile({ dims: DIMS, values: GT, type: 'int64', spacing: SPACING, gzip: true }),
      'nifti1-scaled-f32.nii': niftiFile({ dims: DIMS, values: GT.map((v) => v * 2 + 1), type: 'float32', spacing: SPACING, slope: 0.5, inter: -0.5 }),
      'nifti1-metres.nii': niftiFile({ dims: DIMS, values: GT, type: 'uint8', spacing: SPACING.map((s) => s / 1000) as [number, number, number], units: 1 }),
      'nifti2-u16.nii.gz': niftiFile({ dims: DIMS, values: GT, type: 'uint16', spacing: SPACING, version: 2, gzip: true }),
      'nrrd-raw.nrrd': nrrdFile({ dims: DIMS, values: GT, type: 'uint8', spacing: SPACING }),
      'nrrd-gzip-spacings.seg.nrrd': nrrdFile({ dims: DIMS, values: GT, type: 'int16', spacing: SPACING, gzip: true, useSpacings: true }),
    };
    const predVariants: Record<string, Uint8Array> = {
      'f32.nii.gz': niftiFile({ dims: DIMS, values: PROB, type: 'float32', spacing: SPACING, gzip: true }),
      'f64-nifti2.nii': niftiFile({ dims: DIMS, values: PROB, type: 'float64', spacing: SPACING, version: 2 }),
      'nrrd-f32.nrrd': nrrdFile({ dims: DIMS, values: PROB, type: 'float32', spacing: SPACING, gzip: true }),
      'npy-zyx.npy': encodeNpy({ descr: '<f4', shape: [DIMS[2], DIMS[1], DIMS[0]], data: PROB }),
      'npy-xyz.npy': encodeNpy({ descr: '<f4', shape: DIMS, data: reorder(PROB, DIMS, 'xyz') }),
      'npy-xyz-fortran.npy': encodeNpy({ descr: '<f8', shape: DIMS, data: reorder(PROB, DIMS, 'xyz'), fortranOrder: true }),
      'npy-czyx.npy': encodeNpy({ descr: '<f4', shape: [2, DIMS[2], DIMS[1], DIMS[0]], data: [...PROB.map((p) => 1 - p), ...PROB] }),
      'npz-probabilities.npz': npzFile({ probabilities: { shape: [2, DIMS[2], DIMS[1], DIMS[0]], data: [...PROB.map((p) => 1 - p), ...PROB] } }),
      'npz-softmax-stored.npz': npzFile({ softmax: { shape: [2, DIMS[2], DIMS[1], DIMS[0]], data: [...PROB.map((p) => 1 - p), ...PROB] } }, false),
    };
    const files: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(gtVariants)) files[`gt-variants/${name}`] = bytes;
    for (const [name, bytes] of Object.entries(predVariants)) files[`pred-variants/${name}`] = bytes;
    dir = tempTree(files);
  });

  it('each ground-truth format against one prediction', () => {
    const results = readdirSync(join(dir, 'gt-variants')).sort().map((name) => {
      const r = report(['--gt', join(dir, 'gt-variants', name), '--pred', join(dir, 'pred-variants', 'f32.nii.gz')]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      return [name, r.report.pairs[0]!] as const;
    });
    const [, first] = results[0]!;
    expect(first.depth).toBe(DIMS[2]);
    expect(first.spacing).toEqual(SPACING);
    expect(first.metrics.hd!.status).toBe('ok');
    for (const [name, p] of results) {
      expect([p.width, p.height, p.depth], name).toEqual(DIMS);
      for (const k of Object.keys(first.metrics)) expect(p.metrics[k]!.value, `${name} ${k}`).toBeCloseTo(first.metrics[k]!.value as number, 5);
      for (const k of Object.keys(first.losses)) expect(p.losses[k]!.value, `${name} ${k}`).toBeCloseTo(first.losses[k]!.value as number, 5);
    }
  });

  it('each prediction format (NIfTI, NRRD, .npy in either order, .npz) against one ground truth', () => {
    const results = readdirSync(join(dir, 'pred-variants')).sort().map((name) => {
      const r = report(['--gt', join(dir, 'gt-variants', 'nifti1-i16.nii.gz'), '--pred', join(dir, 'pred-variants', name)]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      return [name, r.report.pairs[0]!] as const;
    });
    const ref = Object.fromEntries(results)['f32.nii.gz']!;
    for (const [name, p] of results) {
      for (const k of Object.keys(ref.metrics)) expect(p.metrics[k]!.value, `${name} ${k}`).toBeCloseTo(ref.metrics[k]!.value as number, 5);
      for (const k of Object.keys(ref.losses)) expect(p.losses[k]!.value, `${name} ${k}`).toBeCloseTo(ref.losses[k]!.value as number, 4);
    }
    const warnings = Object.fromEntries(results.map(([n, p]) => [n, p.warnings.join('\n')]));
    expect(warnings['npy-zyx.npy']).toMatch(/reversed \(z, y, x\) order/);
    expect(warnings['npy-xyz.npy']).toMatch(/\(x, y, z\) order/);
  });

  it('a 3-D .npy ground truth is a volume in (x, y, z) order; with --spacing X,Y,Z it gives the NIfTI numbers', () => {
    const npyDir = tempTree({ 'gt.npy': encodeNpy({ descr: '|u1', shape: DIMS, data: reorder(GT, DIMS, 'xyz') }) });
    const pred = join(dir, 'pred-variants', 'npy-zyx.npy');
    const nifti = report(['--gt', join(dir, 'gt-variants', 'nifti1-u8.nii'), '--pred', pred]).report.pairs[0]!;
    const r = report(['--gt', join(npyDir, 'gt.npy'), '--pred', pred, '--spacing', SPACING.join(',')]);
    expect(r.code, r.stderr).toBe(0);
    const npy = r.report.pairs[0]!;
    expect([npy.width, npy.height, npy.depth]).toEqual(DIMS);
    expect(npy.spacing).toEqual(SPACING);
    expect(npy.warnings.join('\n')).not.toMatch(/overrides/);
    expect(npy.metrics).toEqual(nifti.metrics);
    expect(npy.losses).toEqual(nifti.losses);
  });

  it('--spacing X,Y,Z overrides the header with a warning; X,Y leaves a volume alone with a warning', () => {
    const args = ['--gt', join(dir, 'gt-variants', 'nifti1-u8.nii'), '--pred', join(dir, 'pred-variants', 'f32.nii.gz'), '--metric', 'hd', '--loss', 'dice'];
    const header = report(args).report.pairs[0]!;
    const unit = report([...args, '--spacing', '1,1,1']).report.pairs[0]!;
    expect(unit.spacing).toEqual([1, 1, 1]);
    expect(unit.warnings.join('\n')).toMatch(/spacing 1,1,1 overrides the header's voxel size 0\.8 x 0\.9 x 2/);
    expect(unit.metrics.hd!.value).not.toBeCloseTo(header.metrics.hd!.value as number, 3);
    const two = report([...args, '--spacing', '0.5,2']).report.pairs[0]!;
    expect(two.spacing).toEqual(SPACING);
    expect(two.metrics.hd!.value).toBe(header.metrics.hd!.value);
    expect(two.warnings.join('\n')).toMatch(/pixel size for images/);
  });
});

describe('a 2-D mask stored as a one-slice volume', () => {
  it('gives exactly the numbers of the same mask as PNG', () => {
    const W = 20;
    const H = 15;
    const gt = Array.from({ length: W * H }, (_, i) => (Math.hypot((i % W) - 9, Math.floor(i / W) - 7) < 5 ? 1 : 0));
    const codes = Array.from({ length: W * H }, (_, i) => Math.round(255 / (1 + Math.exp(Math.hypot((i % W) - 11, Math.floor(i / W) - 7) - 5))));
    const dir = tempTree({
      'gt.png': greyPng(W, H, gt.map((v) => v * 255), 8),
      'pred.png': greyPng(W, H, codes, 8),
      'gt.nii.gz': niftiFile({ dims: [W, H, 1], values: gt, type: 'uint8', spacing: [0.5, 2, 3], gzip: true }),
      'pred.nii.gz': niftiFile({ dims: [W, H, 1], values: codes.map((c) => c / 255), type: 'float64', spacing: [0.5, 2, 3], gzip: true }),
    });
    const image = report(['--gt', join(dir, 'gt.png'), '--pred', join(dir, 'pred.png'), '--spacing', '0.5,2']).report.pairs[0]!;
    const volume = report(['--gt', join(dir, 'gt.nii.gz'), '--pred', join(dir, 'pred.nii.gz')]).report.pairs[0]!;
    expect(volume.depth).toBe(1);
    for (const k of Object.keys(image.metrics)) expect(volume.metrics[k], k).toEqual(image.metrics[k]);
    // The PNG's codes are summed exactly in float64; the float volume goes through float32 probabilities.
    for (const k of Object.keys(image.losses)) expect(volume.losses[k]!.value, k).toBeCloseTo(image.losses[k]!.value as number, 6);
    // A one-slice volume ground truth with the PNG prediction: that slice, the same numbers.
    const mixed = report(['--gt', join(dir, 'gt.nii.gz'), '--pred', join(dir, 'pred.png')]).report.pairs[0]!;
    expect(mixed.error).toBeNull();
    for (const k of Object.keys(image.metrics)) expect(mixed.metrics[k], k).toEqual(image.metrics[k]);
  });
});

describe('bad volumes: one clear line naming the file, the other pairs still computed', () => {
  const good = () => niftiFile({ dims: DIMS, values: GT, type: 'uint8', spacing: SPACING, gzip: true });
  const goodPred = () => niftiFile({ dims: DIMS, values: PROB, type: 'float32', spacing: SPACING, gzip: true });
  const cubic: [number, number, number] = [8, 6, 8];
  const cubicGt = volumeValues(cubic, (x, y, z) => (x > 2 && y > 1 && z > 3 ? 1 : 0));
  const cases: [string, Record<string, Uint8Array>, RegExp][] = [
    ['truncated .nii.gz', { 'gt/a.nii.gz': good(), 'pred/a.nii.gz': goodPred().subarray(0, 400) }, /pred\/a\.nii\.gz: (truncated NIfTI|corrupt \.nii\.gz)/],
    ['wrong magic', { 'gt/b.nii': new TextEncoder().encode('x'.repeat(400)), 'pred/b.nii.gz': goodPred() }, /gt\/b\.nii: not a NIfTI file/],
    ['a 4-D image', { 'gt/c.nii.gz': good(), 'pred/c.nii.gz': niftiFile({ dims: [...DIMS, 3], values: [...PROB, ...PROB, ...PROB], type: 'float32', gzip: true }) }, /pred\/c\.nii\.gz: 4-D image \(14x12x9x3\) with 3 volumes/],
    ['a shape mismatch', { 'gt/d.nii.gz': good(), 'pred/d.nrrd': nrrdFile({ dims: [14, 12, 8], values: PROB.slice(0, 14 * 12 * 8), type: 'float32' }) }, /pred\/d\.nrrd: prediction is 14x12x8 but ground truth gt\/d\.nii\.gz is 14x12x9/],
    ['an npz without a known key', { 'gt/e.nii.gz': good(), 'pred/e.npz': npzFile({ seg: { shape: [9, 12, 14], data: PROB } }) }, /pred\/e\.npz: \.npz holds 'seg' but no 'probabilities' or 'softmax' array/],
    ['an npy whose shape fits both axis orders', { 'gt/f.nii.gz': niftiFile({ dims: cubic, values: cubicGt, type: 'uint8', gzip: true }), 'pred/f.npy': encodeNpy({ descr: '<f4', shape: cubic, data: cubicGt }) }, /pred\/f\.npy: array \(8, 6, 8\) fits ground truth gt\/f\.nii\.gz \(8, 6, 8\) in \(x, y, z\) and in reversed \(z, y, x\) order; say which with --axis-order xyz\|zyx/],
    ['an npy whose shape fits neither order', { 'gt/g.nii.gz': good(), 'pred/g.npy': encodeNpy({ descr: '<f4', shape: [9, 14, 12], data: PROB }) }, /pred\/g\.npy: prediction is 9x14x12 \(either axis order\) but ground truth gt\/g\.nii\.gz is 14x12x9/],
    ['a truncated npz', { 'gt/h.nii.gz': good(), 'pred/h.npz': npzFile({ probabilities: { shape: [9, 12, 14], data: PROB } }).subarray(0, 300) }, /pred\/h\.npz: not a complete \.npz \(zip\) archive/],
    ['a volume ground truth with an image prediction', { 'gt/j.npy': encodeNpy({ descr: '|u1', shape: DIMS, data: GT }), 'pred/j.png': greyPng(14, 12, new Array(14 * 12).fill(0), 8) }, /pred\/j\.png: a 2-D image, but ground truth gt\/j\.npy is a volume of 14x12x9/],
    ['a truncated NRRD', { 'gt/i.nrrd': nrrdFile({ dims: DIMS, values: GT, type: 'int16', spacing: SPACING }).subarray(0, 500), 'pred/i.nii.gz': goodPred() }, /gt\/i\.nrrd: truncated NRRD: 14x12x9 int16 needs 3024 bytes of voxel data, file has/],
  ];

  it.each(cases)('%s', (_, files, message) => {
    const dir = tempTree({ ...files, 'gt/ok.nii.gz': good(), 'pred/ok.nii.gz': goodPred() });
    const r = report([dir]);
    expect(r.code).toBe(1);
    const pairs = byPred(r.report.pairs);
    expect(pairs['ok.nii.gz']!.error).toBeNull();
    expect(pairs['ok.nii.gz']!.metrics.dice!.status).toBe('ok');
    const failed = r.report.pairs.find((p) => p.error)!;
    expect(failed.error!.message).toMatch(message);
    expect(failed.error!.message).not.toContain('\n');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr).toMatch(message);
  });

  it('--axis-order settles an ambiguous shape', () => {
    const dir = tempTree(cases[5]![1]);
    const zyx = report([dir, '--axis-order', 'zyx']);
    const xyz = report([dir, '--axis-order', 'xyz']);
    expect(xyz.code, xyz.stderr).toBe(0);
    expect(zyx.code, zyx.stderr).toBe(0);
    // The npy holds the ground truth's voxels in file order, i.e. as a C array (z, y, x): read that way
    // it is a perfect prediction, read as (x, y, z) it is not.
    expect(zyx.report.pairs[0]!.metrics.dice!.value).toBe(1);
    expect(xyz.report.pairs[0]!.metrics.dice!.value).toBeLessThan(1);
    expect(cli(['report', dir, '--axis-order', 'yxz']).code).toBe(2);
  });

  it('--max-pixels counts voxels and refuses a volume from its header', () => {
    const dir = tempTree({ 'gt/a.nii.gz': good(), 'pred/a.nii.gz': goodPred() });
    const voxels = DIMS[0] * DIMS[1] * DIMS[2];
    const refused = report([dir, '--max-pixels', String(voxels - 1)]);
    expect(refused.code).toBe(1);
    expect(refused.report.pairs[0]!.error!.message).toBe(`gt/a.nii.gz: volume is 14x12x9 = ${voxels} voxels, more than the limit of ${voxels - 1}`);
    expect(report([dir, '--max-pixels', String(voxels)]).code).toBe(0);
  });
});
