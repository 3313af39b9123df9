/**
 * The exact EDT of a volume's box: the 2-D transform's column scan and row envelopes in every slice,
 * then the lower envelope of the parabolas sz²·(z − z')² + g(z') along each line through the slices
 * (Felzenszwalb & Huttenlocher's separable scheme, one more pass). The in-slice distances g are
 * rounded to float32 on the way, as the two-pass field of an image is.
 */
import type { Box } from './box';
import type { EdtWorkspace } from './edt';
import { lowerEnvelope, sampleEnvelope, sampleEnvelopeWhere } from './envelope';

export function squaredEdtInto3d(mask: Uint8Array, feature: 0 | 1, ws: EdtWorkspace, out: Float32Array, box: Box): boolean {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  const plane = w * h;
  const { rows, f, v, z } = ws;

  // Pass 1: per slice and column, the row distance to the nearest feature; h or more when there is
  // none in that column (the squares table reads those as ∞). Which slices have a feature on the way.
  const hasFeature = ws.slices;
  let any = 0;
  for (let k = 0; k < d; k++) {
    const b = k * plane;
    const mz = (z0 + k) * WH + y0 * W + x0;
    for (let x = 0; x < w; x++) rows[b + x] = mask[mz + x] === feature ? 0 : h;
    for (let y = 1; y < h; y++) {
      const m0 = mz + y * W;
      const r0 = b + y * w;
      for (let x = 0; x < w; x++) rows[r0 + x] = mask[m0 + x] === feature ? 0 : rows[r0 + x - w] + 1;
    }
    for (let i = b + (h - 1) * w - 1; i >= b; i--) {
      const down = rows[i + w] + 1;
      if (down < rows[i]) rows[i] = down;
    }
    let has = 0;
    for (let x = 0; x < w && !has; x++) has = rows[b + x] < h ? 1 : 0;
    hasFeature[k] = has;
    any |= has;
  }
  if (!any) return false;

  // Passes 2 and 3, a row y of the box at a time: per slice, the lower envelope along x of the column
  // distances (a slice without features is infinitely far), into a slab that holds the row's lines
  // through the slices one after the other; then per line, the envelope along z, sampled into `out`.
  const sx2 = sx * sx;
  const sz2 = sz * sz;
  const sq = ws.squares(h, sy * sy);
  const slab = ws.slab(w * d);
  for (let y = 0; y < h; y++) {
    for (let k = 0; k < d; k++) {
      if (!hasFeature[k]) {
        for (let x = 0; x < w; x++) slab[x * d + k] = Infinity;
        continue;
      }
      const r0 = k * plane + y * w;
      for (let q = 0; q < w; q++) f[q] = sq[rows[r0 + q]];
      sampleEnvelope(f, w, sx2, v, z, lowerEnvelope(f, w, sx2, v, z), slab, k, d);
    }
    const m0 = z0 * WH + (y0 + y) * W + x0;
    for (let x = 0; x < w; x++) {
      const o = x * d;
      for (let q = 0; q < d; q++) f[q] = slab[o + q];
      sampleEnvelopeWhere(f, d, sz2, v, z, lowerEnvelope(f, d, sz2, v, z), out, m0 + x, WH, mask, feature);
    }
  }
  return true;
}
