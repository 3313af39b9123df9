/** Axis-aligned boxes of mask pixels, to run a transform on the part of an image that matters. */
export interface Box {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

/** The box of the set pixels of all masks, grown by `margin` and clipped to the image; null if none is set. */
export function boundingBox(masks: readonly Uint8Array[], width: number, height: number, margin = 0): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (const m of masks)
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++)
        if (m[row + x]) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
    }
  if (x1 < 0) return null;
  x0 = Math.max(0, x0 - margin);
  y0 = Math.max(0, y0 - margin);
  x1 = Math.min(width - 1, x1 + margin);
  y1 = Math.min(height - 1, y1 + margin);
  return { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
