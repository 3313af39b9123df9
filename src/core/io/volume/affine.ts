/**
 * A volume's voxel-to-world transform in RAS+ millimetres (x to the patient's Right, y Anterior, z
 * Superior; NIfTI's world and 3D Slicer's display, ITK's LPS with x and y negated): from a NIfTI header's
 * sform, qform or pixdim (NIfTI-1 methods 3, 2, 1) and from an NRRD's `space`, `space origin` and
 * `space directions`. Display only: distances use the voxel size (or `--spacing`), never this.
 */

export type AffineRow = [number, number, number, number];
/** Rows x, y, z: world[r] = A[r][0]·i + A[r][1]·j + A[r][2]·k + A[r][3], for voxel index (i, j, k). */
export type Affine = [AffineRow, AffineRow, AffineRow];

/** Where a transform came from, for the read-out (the NIfTI method, or the NRRD's space). */
export interface WorldFrame {
  affine: Affine;
  source: string;
}

export function worldOf(a: Affine, i: number, j: number, k: number): [number, number, number] {
  return a.map((r) => r[0] * i + r[1] * j + r[2] * k + r[3]) as [number, number, number];
}

/** The fields of a NIfTI header the transform comes from (lengths already in mm). */
export interface NiftiOrientation {
  qformCode: number;
  sformCode: number;
  /** quatern_b, c, d. */
  quatern: [number, number, number];
  qoffset: [number, number, number];
  /** pixdim[0]: −1 flips the third axis of the qform (a left-handed voxel grid); anything else is 1. */
  qfac: number;
  srow: [AffineRow, AffineRow, AffineRow];
  /** Voxel size along i, j, k (mm, positive). */
  spacing: [number, number, number];
}

/**
 * NIfTI-1 §"3 methods": sform when sform_code > 0, else the qform (rotation from the unit quaternion
 * (a, b, c, d) with a = √(1 − b² − c² − d²), voxel size, qfac and offset) when qform_code > 0, else
 * index × pixdim with no orientation.
 */
export function niftiFrame(h: NiftiOrientation): WorldFrame {
  const finite = (rows: number[][]) => rows.every((r) => r.every(Number.isFinite));
  if (h.sformCode > 0 && finite(h.srow)) return { affine: h.srow.map((r) => [...r]) as Affine, source: 'NIfTI sform' };
  const [dx, dy, dz] = h.spacing;
  if (h.qformCode > 0 && finite([h.quatern, h.qoffset])) {
    let [b, c, d] = h.quatern;
    let a = 1 - (b * b + c * c + d * d);
    if (a < 1e-7) {
      // A 180° rotation: (b, c, d) is (nearly) a unit vector and a is 0 (nifti1_io does the same).
      const s = 1 / Math.sqrt(b * b + c * c + d * d);
      [b, c, d] = [b * s, c * s, d * s];
      a = 0;
    } else a = Math.sqrt(a);
    const R = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const qfac = h.qfac === -1 ? -1 : 1;
    const affine = R.map((r, k) => [r[0]! * dx, r[1]! * dy, r[2]! * dz * qfac, h.qoffset[k]!]) as Affine;
    return { affine, source: 'NIfTI qform' };
  }
  return { affine: [[dx, 0, 0, 0], [0, dy, 0, 0], [0, 0, dz, 0]], source: 'NIfTI pixdim (no sform or qform: no origin or orientation)' };
}

/** RAS signs of x and y for NRRD's anatomical spaces; the others (scanner-xyz, 3D-right-handed) name no anatomy. */
const NRRD_SPACES: Record<string, [number, number]> = {
  'right-anterior-superior': [1, 1],
  ras: [1, 1],
  'left-anterior-superior': [-1, 1],
  las: [-1, 1],
  'left-posterior-superior': [-1, -1],
  lps: [-1, -1],
};

/**
 * An NRRD's transform: origin plus index × each axis's direction vector, in RAS (LPS and LAS flipped).
 * None for a space with no anatomical meaning, or directions that are missing or not 3-vectors.
 */
export function nrrdFrame(space: string | undefined, origin: number[] | undefined, directions: number[][]): WorldFrame | undefined {
  const name = space?.trim().toLowerCase().replace(/-time$/, '');
  const signs = name === undefined ? undefined : NRRD_SPACES[name];
  if (!signs || directions.length < 1 || directions.length > 3 || directions.some((d) => d.length !== 3 || !d.every(Number.isFinite))) return undefined;
  const o = origin?.length === 3 && origin.every(Number.isFinite) ? origin : [0, 0, 0];
  const flip = [signs[0], signs[1], 1];
  // A 2-D volume has no third direction: its one slice sits at k = 0, whatever the column says.
  const col = (axis: number, r: number) => (directions[axis]?.[r] ?? 0) * flip[r]!;
  const affine = [0, 1, 2].map((r) => [col(0, r), col(1, r), col(2, r), o[r]! * flip[r]! || 0]) as Affine; // no −0 origin
  return { affine, source: `NRRD space origin and directions (${space!.trim()})` };
}
