/** The slice viewer's pure parts: the three slicing directions and per-slice Dice (multi-class, ignore index). */
import { describe, expect, it } from 'vitest';
import { planeOf, sliceDice, voxelIndex } from '../../webview/volume/slices';

const grid = { width: 3, height: 2, depth: 2, spacing: [0.5, 1, 4] as const };

describe('slice planes', () => {
  it('map column, row and slice to the voxel and give each direction its voxel size', () => {
    const axial = planeOf(grid, 'axial');
    const coronal = planeOf(grid, 'coronal');
    const sagittal = planeOf(grid, 'sagittal');
    expect([axial.cols, axial.rows, axial.count, axial.colMm, axial.rowMm]).toEqual([3, 2, 2, 0.5, 1]);
    expect([coronal.cols, coronal.rows, coronal.count, coronal.colMm, coronal.rowMm]).toEqual([3, 2, 2, 0.5, 4]);
    expect([sagittal.cols, sagittal.rows, sagittal.count, sagittal.colMm, sagittal.rowMm]).toEqual([2, 2, 3, 1, 4]);
    expect(axial.voxel(2, 1, 0)).toEqual([2, 1, 0]);
    expect(coronal.voxel(2, 1, 0)).toEqual([2, 0, 1]);
    expect(sagittal.voxel(1, 0, 2)).toEqual([2, 1, 0]);
    expect(voxelIndex(grid, 2, 1, 1)).toBe(11);
    // `at` inverts `voxel` in every direction.
    for (const plane of [axial, coronal, sagittal])
      for (let s = 0; s < plane.count; s++)
        for (let r = 0; r < plane.rows; r++) for (let c = 0; c < plane.cols; c++) expect(plane.at(...plane.voxel(c, r, s))).toEqual([c, r, s]);
  });
});

describe('per-slice Dice', () => {
  it('averages the foreground classes present in a slice and leaves ignored voxels out', () => {
    // x fastest. Slice z 0: class 1 right at x 0, class 2 at x 1 predicted as 1, x 2 ignored (255) but
    // predicted 2. Slice z 1: nothing labelled or predicted.
    const labels = [1, 2, 255, 0, 0, 0, /* z 1 */ 0, 0, 0, 0, 0, 0];
    const pred = [1, 1, 2, 0, 0, 0, /* z 1 */ 0, 0, 0, 0, 0, 0];
    const d = sliceDice(grid, labels, pred, 3, 255);
    // Class 1: TP 1, FP 1 → 2/3; class 2: FN 1 → 0 (the ignored voxel's prediction counts nowhere).
    expect(d.axial[0]).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(d.axial[1]).toBeNull();
    // Columns x: x 0 only class 1 (TP) → 1; x 1 class 1 FP and class 2 FN → 0; x 2 ignored only → nothing.
    expect(d.sagittal).toEqual([1, 0, null]);
    expect(d.coronal[1]).toBeNull();
  });

  it('gives 0 to a slice whose prediction is empty and 1 to a perfect one (binary)', () => {
    const labels = [1, 1, 0, 0, 0, 0, /* z 1 */ 1, 0, 0, 0, 0, 0];
    const pred = [1, 1, 0, 0, 0, 0, /* z 1 */ 0, 0, 0, 0, 0, 0];
    expect(sliceDice(grid, labels, pred, 2).axial).toEqual([1, 0]);
  });
});
