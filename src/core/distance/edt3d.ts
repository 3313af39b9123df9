/**
 * The exact EDT of a volume's box: the 2-D transform's column scan and row envelopes in every slice,
 * then the lower envelope of the parabolas sz²·(z − z')² + g(z') along each line through the slices
 * (Felzenszwalb & Huttenlocher's separable scheme, one more pass). In place in the workspace: the row
 * pass overwrites each row's integer column distances with its squared in-slice distances (float32).
 */
import type { Box } from './box';
import type { EdtWorkspace } from './edt';
import { lowerEnvelope } from './envelope';

export function squaredEdtInto3d(mask: Uint8Array, feature: 0 | 1, ws: EdtWorkspace, out: Float32Array, box: Box): boolean {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  const plane = w * h;
  const { rows, rowsF: g, f, v, z } = ws;

  // Pass 1: per slice and column, the row distance to the nearest feature (-1: none in that column).
  let any = false;
  for (let k = 0; k < d; k++) {
    const b = k * plane;
    const mz = (z0 + k) * WH;
    for (let y = 0; y < h; y++) {
      const m0 = mz + (y0 + y) * W + x0;
      const r0 = b + y * w;
      for (let x = 0; x < w; x++) {
        if (mask[m0 + x] === feature) rows[r0 + x] = 0;
        else {
          const up = y === 0 ? -1 : rows[r0 + x - w];
          rows[r0 + x] = up < 0 ? -1 : up + 1;
        }
      }
    }
    for (let i = b + (h - 1) * w - 1; i >= b; i--) {
      const down = rows[i + w];
      if (down < 0) continue;
      const here = rows[i];
      if (here < 0 || down < here) rows[i] = down + 1;
    }
    for (let x = 0; x < w && !any; x++) any = rows[b + x] >= 0;
  }
  if (!any) return false;

  // Pass 2: per row of each slice, the lower envelope along x; a slice without features is infinitely far.
  const sx2 = sx * sx;
  const sy2 = sy * sy;
  for (let r0 = 0; r0 < plane * d; r0 += w) {
    for (let q = 0; q < w; q++) {
      const r = rows[r0 + q];
      f[q] = r < 0 ? Infinity : r * r * sy2;
    }
    if (lowerEnvelope(f, w, sx2, v, z) < 0) {
      g.fill(Infinity, r0, r0 + w);
      continue;
    }
    let j = 0;
    for (let q = 0; q < w; q++) {
      while (z[j + 1] < q) j++;
      const p = v[j];
      const dq = q - p;
      g[r0 + q] = sx2 * dq * dq + f[p];
    }
  }

  // Pass 3: per line through the slices, the lower envelope along z of the in-slice distances. The
  // lines of one row y are gathered into a slab (line-major), so the envelope reads contiguous memory
  // and the volume is read and written a row of x at a time.
  const sz2 = sz * sz;
  const slab = ws.slab(w * d);
  for (let y = 0; y < h; y++) {
    for (let k = 0; k < d; k++) {
      const g0 = k * plane + y * w;
      for (let x = 0; x < w; x++) slab[x * d + k] = g[g0 + x];
    }
    for (let x = 0; x < w; x++) {
      const o = x * d;
      for (let q = 0; q < d; q++) f[q] = slab[o + q];
      lowerEnvelope(f, d, sz2, v, z);
      let j = 0;
      for (let q = 0; q < d; q++) {
        while (z[j + 1] < q) j++;
        const p = v[j];
        const dq = q - p;
        slab[o + q] = sz2 * dq * dq + f[p];
      }
    }
    for (let k = 0; k < d; k++) {
      const m0 = (z0 + k) * WH + (y0 + y) * W + x0;
      for (let x = 0; x < w; x++) if (mask[m0 + x] !== feature) out[m0 + x] = slab[x * d + k];
    }
  }
  return true;
}
