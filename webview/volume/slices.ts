/**
 * The three slicing directions of a volume (voxels x fastest, then y, then z) and per-slice Dice.
 * Pure: typed arrays in and out, so unit and browser tests share it.
 */

export type Axis = 'axial' | 'coronal' | 'sagittal';
export const AXES: readonly Axis[] = ['axial', 'coronal', 'sagittal'];

export interface VolumeGrid {
  width: number;
  height: number;
  depth: number;
  spacing: readonly [number, number, number];
}

/** How one direction's slices map to voxels: columns and rows of the slice image, and their size in mm. */
export interface Plane {
  axis: Axis;
  cols: number;
  rows: number;
  count: number;
  colMm: number;
  rowMm: number;
  /** Voxel (x, y, z) at column, row of slice `s`. */
  voxel(col: number, row: number, s: number): [number, number, number];
  /** Column, row and slice of voxel (x, y, z): the inverse of `voxel`. */
  at(x: number, y: number, z: number): [col: number, row: number, slice: number];
}

/** Axial: x across, y down (slices along z). Coronal: x across, z down. Sagittal: y across, z down. */
export function planeOf(g: VolumeGrid, axis: Axis): Plane {
  const [sx, sy, sz] = g.spacing;
  switch (axis) {
    case 'axial':
      return { axis, cols: g.width, rows: g.height, count: g.depth, colMm: sx, rowMm: sy, voxel: (c, r, s) => [c, r, s], at: (x, y, z) => [x, y, z] };
    case 'coronal':
      return { axis, cols: g.width, rows: g.depth, count: g.height, colMm: sx, rowMm: sz, voxel: (c, r, s) => [c, s, r], at: (x, y, z) => [x, z, y] };
    case 'sagittal':
      return { axis, cols: g.height, rows: g.depth, count: g.width, colMm: sy, rowMm: sz, voxel: (c, r, s) => [s, c, r], at: (x, y, z) => [y, z, x] };
  }
}

export const voxelIndex = (g: VolumeGrid, x: number, y: number, z: number): number => (z * g.height + y) * g.width + x;

/**
 * Dice of each slice along each axis: the mean over foreground classes (1…C-1) present in the slice's
 * ground truth or prediction of 2·TP / (2·TP + FP + FN); `null` where no class is present (nothing to
 * score). Ignored voxels count nowhere. A slice whose prediction is empty but ground truth is not gets 0.
 */
export function sliceDice(
  g: VolumeGrid,
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
  ignoreIndex?: number,
): Record<Axis, (number | null)[]> {
  const C = Math.max(2, classes);
  const counts = {
    axial: new Float64Array(g.depth * C * 3),
    coronal: new Float64Array(g.height * C * 3),
    sagittal: new Float64Array(g.width * C * 3),
  };
  let x = 0;
  let y = 0;
  let z = 0;
  const count = (c: number, k: number) => {
    counts.axial[(z * C + c) * 3 + k] += 1;
    counts.coronal[(y * C + c) * 3 + k] += 1;
    counts.sagittal[(x * C + c) * 3 + k] += 1;
  };
  let i = 0;
  for (z = 0; z < g.depth; z++) {
    for (y = 0; y < g.height; y++) {
      for (x = 0; x < g.width; x++, i++) {
        const t = labels[i];
        if (t === ignoreIndex) continue;
        const p = predicted[i];
        if (t === 0 && p === 0) continue;
        // k: 0 TP, 1 FP, 2 FN (per class, one against the rest).
        if (t === p) count(t, 0);
        else {
          if (p > 0 && p < C) count(p, 1);
          if (t > 0 && t < C) count(t, 2);
        }
      }
    }
  }
  const dice = (a: Float64Array, n: number) =>
    Array.from({ length: n }, (_, s) => {
      let sum = 0;
      let present = 0;
      for (let c = 1; c < C; c++) {
        const o = (s * C + c) * 3;
        const d = 2 * a[o]! + a[o + 1]! + a[o + 2]!;
        if (d === 0) continue;
        sum += (2 * a[o]!) / d;
        present++;
      }
      return present ? sum / present : null;
    });
  return { axial: dice(counts.axial, g.depth), coronal: dice(counts.coronal, g.height), sagittal: dice(counts.sagittal, g.width) };
}
