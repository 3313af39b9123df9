/** Axis-aligned boxes of mask pixels, to run a transform on the part of an image (or volume) that matters. */
export interface Box {
  x0: number;
  y0: number;
  w: number;
  h: number;
  /** First slice and slices of a volume's box; absent for an image (0 and 1). */
  z0?: number;
  d?: number;
}

/**
 * The box of the set pixels of all masks, grown by `margin` and clipped to the image (or volume of
 * `depth` slices); null if none is set.
 */
export function boundingBox(masks: readonly Uint8Array[], width: number, height: number, margin = 0, depth = 1): Box | null {
  let x0 = width;
  let y0 = height;
  let z0 = depth;
  let x1 = -1;
  let y1 = -1;
  let z1 = -1;
  for (const m of masks)
    for (let z = 0; z < depth; z++)
      for (let y = 0; y < height; y++) {
        const row = (z * height + y) * width;
        for (let x = 0; x < width; x++)
          if (m[row + x]) {
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
            if (z < z0) z0 = z;
            if (z > z1) z1 = z;
          }
      }
  if (x1 < 0) return null;
  x0 = Math.max(0, x0 - margin);
  y0 = Math.max(0, y0 - margin);
  z0 = Math.max(0, z0 - margin);
  x1 = Math.min(width - 1, x1 + margin);
  y1 = Math.min(height - 1, y1 + margin);
  z1 = Math.min(depth - 1, z1 + margin);
  return { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1, z0, d: z1 - z0 + 1 };
}
