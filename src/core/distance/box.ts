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
 * Whether m[a..b) has a set pixel: four pixels a step where `m32` (m's words, null when m is not
 * 4-aligned) reaches, stopping at the first set one.
 */
export function anySet(m: Uint8Array, m32: Uint32Array | null, a: number, b: number): boolean {
  if (m32 && b - a >= 16) {
    const w0 = (a + 3) >> 2;
    const w1 = b >> 2;
    for (let i = a; i < w0 << 2; i++) if (m[i]) return true;
    for (let i = w0; i < w1; i++) if (m32[i]) return true;
    for (let i = w1 << 2; i < b; i++) if (m[i]) return true;
    return false;
  }
  for (let i = a; i < b; i++) if (m[i]) return true;
  return false;
}

/** The words of a mask, to scan four pixels at a time; null when its memory is not 4-aligned. */
export function words(m: Uint8Array): Uint32Array | null {
  return m.byteOffset % 4 === 0 ? new Uint32Array(m.buffer, m.byteOffset, m.length >> 2) : null;
}

/** Room for the set pixels `setPixels` finds, kept and grown as needed (a boundary is a small part of its mask). */
let found = new Uint32Array(1024);

/** `found` with room for one more index after `k`. */
function roomAfter(k: number): Uint32Array {
  if (k < found.length) return found;
  const grown = new Uint32Array(2 * found.length);
  grown.set(found);
  return (found = grown);
}

/**
 * The indices of the set pixels of a sparse mask (a boundary), ascending: one pass, its empty words
 * skipped four pixels a step.
 */
export function setPixels(m: Uint8Array): Uint32Array {
  const m32 = words(m);
  const n = m.length;
  let k = 0;
  let i = 0;
  if (m32) {
    for (let w = 0; w < m32.length; w++) {
      if (!m32[w]) continue;
      for (let j = w << 2; j < (w << 2) + 4; j++) if (m[j]) roomAfter(k)[k++] = j;
    }
    i = m32.length << 2;
  }
  for (; i < n; i++) if (m[i]) roomAfter(k)[k++] = i;
  return found.slice(0, k);
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
  for (const m of masks) {
    const m32 = words(m);
    for (let z = 0; z < depth; z++)
      for (let y = 0; y < height; y++) {
        const row = (z * height + y) * width;
        // Most rows of a small object are empty: one branch-free scan skips them. In the others, only
        // pixels left of the box or right of it can widen it.
        if (!anySet(m, m32, row, row + width)) continue;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (z < z0) z0 = z;
        if (z > z1) z1 = z;
        for (let x = 0; x < x0; x++) if (m[row + x]) x0 = x;
        for (let x = width - 1; x > x1; x--) if (m[row + x]) x1 = x;
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
