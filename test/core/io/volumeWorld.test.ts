/**
 * Voxel-to-world transforms read from NIfTI (sform, qform with qfac and rotation, pixdim fallback; NIfTI-1
 * and -2) and NRRD (space origin and directions, LPS → RAS) headers, against world coordinates worked
 * out by hand from the specifications.
 */
import { describe, expect, it } from 'vitest';
import { worldOf } from '../../../src/core/io/volume/affine';
import { decodeNifti } from '../../../src/core/io/volume/nifti';
import { decodeNrrd } from '../../../src/core/io/volume/nrrd';
import { niftiFile, nrrdFile, type VolumeSpec } from '../../helpers/volumeWriter';

const dims = [4, 5, 6];
const base: VolumeSpec = { dims, values: new Array(4 * 5 * 6).fill(0), type: 'uint8', spacing: [2, 3, 4] };
const opts = { maxPixels: 1_000_000 };

function worldAt(bytes: Uint8Array, name: string, ijk: [number, number, number]): { at: number[]; source: string } {
  const vol = name.endsWith('.nrrd') ? decodeNrrd(bytes, name, opts) : decodeNifti(bytes, name, opts);
  if (!vol.world) throw new Error('no world frame');
  return { at: worldOf(vol.world.affine, ...ijk), source: vol.world.source };
}

function expectClose(got: number[], want: number[]): void {
  expect(got).toHaveLength(3);
  got.forEach((g, k) => expect(g).toBeCloseTo(want[k]!, 5));
}

describe('NIfTI voxel-to-world', () => {
  it('uses the sform when sform_code > 0, even with a qform', () => {
    const rows = [[0, 0, -2, 50], [1.5, 0, 0, -10], [0, 0.5, 0, 3]];
    for (const version of [1, 2] as const) {
      const w = worldAt(niftiFile({ ...base, version, sform: { code: 2, rows }, qform: { quatern: [0, 0, 0], offset: [100, 100, 100] } }), 'a.nii', [1, 2, 3]);
      // x = −2·3 + 50, y = 1.5·1 − 10, z = 0.5·2 + 3
      expectClose(w.at, [44, -8.5, 4]);
      expect(w.source).toBe('NIfTI sform');
    }
  });

  it('qform without rotation, qfac = −1 flips the third axis', () => {
    const w = worldAt(niftiFile({ ...base, qform: { quatern: [0, 0, 0], offset: [10, 20, 30], qfac: -1 } }), 'a.nii', [1, 2, 3]);
    // x = 2·1 + 10, y = 3·2 + 20, z = −4·3 + 30
    expectClose(w.at, [12, 26, 18]);
    expect(w.source).toBe('NIfTI qform');
    const plain = worldAt(niftiFile({ ...base, qform: { quatern: [0, 0, 0], offset: [10, 20, 30], qfac: 1 } }), 'a.nii', [1, 2, 3]);
    expectClose(plain.at, [12, 26, 42]);
  });

  it('a qform rotated 90° about z (a = d = √½)', () => {
    const s = Math.SQRT1_2;
    for (const version of [1, 2] as const) {
      const w = worldAt(niftiFile({ ...base, version, gzip: true, qform: { quatern: [0, 0, s], offset: [-5, 7, 1] } }), 'a.nii.gz', [1, 2, 3]);
      // R = [[0, −1, 0], [1, 0, 0], [0, 0, 1]]: x = −3·2 − 5, y = 2·1 + 7, z = 4·3 + 1
      expectClose(w.at, [-11, 9, 13]);
    }
  });

  it('a qform rotated 180° about x (a = 0), rotation and qfac together', () => {
    const w = worldAt(niftiFile({ ...base, qform: { quatern: [1, 0, 0], offset: [0, 0, 0] } }), 'a.nii', [1, 2, 3]);
    // R = diag(1, −1, −1)
    expectClose(w.at, [2, -6, -12]);
    const flipped = worldAt(niftiFile({ ...base, qform: { quatern: [1, 0, 0], offset: [0, 0, 0], qfac: -1 } }), 'a.nii', [1, 2, 3]);
    expectClose(flipped.at, [2, -6, 12]);
  });

  it('without sform or qform, index × pixdim (NIfTI method 1)', () => {
    const w = worldAt(niftiFile(base), 'a.nii', [1, 2, 3]);
    expectClose(w.at, [2, 6, 12]);
    expect(w.source).toMatch(/pixdim/);
  });

  it('lengths in metres are given in mm, as the voxel size is', () => {
    const w = worldAt(niftiFile({ ...base, spacing: [0.002, 0.003, 0.004], units: 1, qform: { quatern: [0, 0, 0], offset: [0.01, 0.02, 0.03] } }), 'a.nii', [1, 2, 3]);
    expectClose(w.at, [12, 26, 42]);
  });
});

describe('NRRD voxel-to-world', () => {
  it('LPS origin and directions are given in RAS (x and y negated)', () => {
    const w = worldAt(nrrdFile({ ...base, origin: [10, 20, 30] }), 'a.nrrd', [1, 2, 3]);
    // LPS (10 + 2, 20 + 6, 30 + 12) → RAS
    expectClose(w.at, [-12, -26, 42]);
    expect(w.source).toMatch(/left-posterior-superior/);
  });

  it('oblique RAS directions', () => {
    const directions = [[0, 2, 0], [3, 0, 0], [0, 0, 4]];
    const w = worldAt(nrrdFile({ ...base, space: 'right-anterior-superior', origin: [1, 1, 1], directions }), 'a.nrrd', [1, 2, 3]);
    // x = 3·2 + 1, y = 2·1 + 1, z = 4·3 + 1
    expectClose(w.at, [7, 3, 13]);
    const vol = decodeNrrd(nrrdFile({ ...base, space: 'right-anterior-superior', directions }), 'a.nrrd', opts);
    expect(vol.spacing).toEqual([2, 3, 4]);
  });

  it('no frame for a space without anatomy, or for plain spacings', () => {
    expect(decodeNrrd(nrrdFile({ ...base, space: 'scanner-xyz' }), 'a.nrrd', opts).world).toBeUndefined();
    expect(decodeNrrd(nrrdFile({ ...base, useSpacings: true }), 'a.nrrd', opts).world).toBeUndefined();
  });
});
