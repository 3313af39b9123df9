/**
 * Which neighbours join two pixels (voxels) of one object. 4 and 6 are face neighbours, 18 adds edge
 * neighbours, 8 and 26 are every neighbour. On an image (one slice) 6 is 4 and 18 and 26 are 8, so one
 * setting serves a dataset of images and volumes alike.
 */
export type Connectivity = 4 | 8 | 6 | 18 | 26;
export const CONNECTIVITIES: readonly Connectivity[] = [4, 8, 6, 18, 26];

/** The usual default: every neighbour (8 on an image, 26 in a volume). */
export const DEFAULT_CONNECTIVITY: Connectivity = 26;

/** The connectivity as stated for an image or a volume (e.g. 26 on an image is reported as 8). */
export function effectiveConnectivity(c: Connectivity, depth: number): Connectivity {
  const faces = c === 4 || c === 6;
  if (depth <= 1) return faces ? 4 : 8;
  return faces ? 6 : c === 18 ? 18 : 26;
}

/** A neighbour offset (dx, dy, dz). */
export type Offset = readonly [number, number, number];

/**
 * The neighbours met before a pixel in raster order (x fastest, then y, then z): a two-pass labelling
 * only looks back, and each neighbour pair is seen exactly once.
 */
export function backwardOffsets(c: Connectivity, depth: number): Offset[] {
  const eff = effectiveConnectivity(c, depth);
  const out: Offset[] = [];
  for (let dz = -1; dz <= 0; dz++)
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        // Before the pixel in raster order: an earlier slice, an earlier row of this slice, or to the left.
        const before = dz < 0 || dy < 0 || (dy === 0 && dx < 0);
        if (!before || (dz < 0 && depth <= 1)) continue;
        const axes = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        const keep = eff === 4 || eff === 6 ? axes === 1 : eff === 18 ? axes <= 2 : true;
        if (keep) out.push([dx, dy, dz]);
      }
  return out;
}
