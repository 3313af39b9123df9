/**
 * The exact EDT of a volume's box: the 2-D transform's column scan and row envelopes in every slice,
 * then the lower envelope of the parabolas sz²·(z − z')² + g(z') along each line through the slices
 * (Felzenszwalb & Huttenlocher's separable scheme, one more pass). The in-slice distances g are
 * rounded to float32 on the way, as the two-pass field of an image is.
 */
import type { Box } from './box';
import type { EdtWorkspace } from './edt';
import { lowerEnvelope, sampleEnvelope, sampleEnvelopeWhere } from './envelope';

/** What a row's parabolas are made of (see `envelopes`). */
const enum Side {
  /** The column distance to the nearest feature. */
  Feature,
  /** The two-sided column distance, 0 on the mask: the transform of the outside. */
  Outside,
  /** The two-sided column distance, 0 off the mask: the transform of the inside. */
  Inside,
}

export function squaredEdtInto3d(mask: Uint8Array, feature: 0 | 1, ws: EdtWorkspace, out: Float32Array, box: Box): boolean {
  const { width: W, height: H } = ws.grid;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  const rows = ws.rows;

  // Pass 1: per slice with a feature and column, the row distance to the nearest feature; h or more
  // when there is none in that column (the squares table reads those as ∞). Stored at the voxels' own
  // indices. A slice without features is infinitely far: it needs none.
  const hasFeature = ws.slices;
  const other = feature ^ 1;
  let any = 0;
  for (let k = 0; k < d; k++) {
    const mz = (z0 + k) * WH + y0 * W + x0;
    let has = 0;
    for (let y = 0; y < h; y++) for (let i = mz + y * W; i < mz + y * W + w; i++) has |= mask[i] ^ other;
    hasFeature[z0 + k] = has;
    any |= has;
    if (!has) continue;
    for (let x = 0; x < w; x++) rows[mz + x] = mask[mz + x] === feature ? 0 : h;
    for (let y = 1; y < h; y++) {
      const m0 = mz + y * W;
      for (let i = m0; i < m0 + w; i++) rows[i] = mask[i] === feature ? 0 : rows[i - W] + 1;
    }
    for (let y = h - 2; y >= 0; y--) {
      const m0 = mz + y * W;
      for (let i = m0 + w - 1; i >= m0; i--) {
        const down = rows[i + W] + 1;
        if (down < rows[i]) rows[i] = down;
      }
    }
  }
  if (!any) return false;
  envelopes(mask, ws, out, box, h, hasFeature, Side.Feature, feature);
  return true;
}

/**
 * `twoSidedSquaredEdt` of a volume with one column pass for both sides (as for an image): per column,
 * the distance to the nearest voxel of the other value serves the outside transform at background
 * voxels and the inside one at mask voxels. The outside transform runs on the whole volume, the
 * inside one on the mask's box grown by one (the nearest background voxel of a mask voxel lies in it,
 * and so does the nearest one in its column). The same values, bit for bit, as two transforms.
 */
export function twoSided3d(mask: Uint8Array, ws: EdtWorkspace, out: Float32Array): Float32Array {
  const { width: W, height: H } = ws.grid;
  const D = ws.grid.depth ?? 1;
  const WH = W * H;
  const { rows, slices: hasFg, slicesWithBackground: hasBg } = ws;
  let bx0 = W;
  let bx1 = -1;
  let by0 = H;
  let by1 = -1;
  let bz0 = D;
  let bz1 = -1;
  let anyBg = 0;
  for (let k = 0; k < D; k++) {
    const mz = k * WH;
    // A slice without mask voxels needs no column distances: the outside transform sees it as
    // infinitely far and the inside one's box does not reach it.
    let sliceFg = 0;
    for (let i = mz; i < mz + WH; i++) sliceFg |= mask[i];
    if (!sliceFg) {
      hasFg[k] = 0;
      hasBg[k] = 1;
      anyBg = 1;
      continue;
    }
    let sliceAll = 1;
    for (let y = 0; y < H; y++) {
      const m0 = mz + y * W;
      let fg = 0;
      let all = 1;
      if (y === 0) {
        for (let i = m0; i < m0 + W; i++) {
          const m = mask[i];
          fg |= m;
          all &= m;
          rows[i] = H;
        }
      } else {
        for (let i = m0; i < m0 + W; i++) {
          const m = mask[i];
          fg |= m;
          all &= m;
          rows[i] = mask[i - W] !== m ? 1 : rows[i - W] + 1;
        }
      }
      if (fg) {
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
        // The row's first and last mask voxels widen the box only outside it.
        for (let x = 0; x < bx0; x++) if (mask[m0 + x]) bx0 = x;
        for (let x = W - 1; x > bx1; x--) if (mask[m0 + x]) bx1 = x;
      }
      sliceAll &= all;
    }
    for (let i = mz + (H - 1) * W - 1; i >= mz; i--) {
      const dn = mask[i + W] !== mask[i] ? 1 : rows[i + W] + 1;
      if (dn < rows[i]) rows[i] = dn;
    }
    hasFg[k] = sliceFg;
    hasBg[k] = sliceAll ^ 1;
    anyBg |= sliceAll ^ 1;
    if (sliceFg) {
      if (k < bz0) bz0 = k;
      bz1 = k;
    }
  }
  // No mask voxel, or no background: every distance is 0.
  if (bx1 < 0 || !anyBg) return out.fill(0);
  envelopes(mask, ws, out, ws.full, H, hasFg, Side.Outside, 1);
  const x0 = Math.max(0, bx0 - 1);
  const y0 = Math.max(0, by0 - 1);
  const z0 = Math.max(0, bz0 - 1);
  const box = { x0, y0, z0, w: Math.min(W - 1, bx1 + 1) - x0 + 1, h: Math.min(H - 1, by1 + 1) - y0 + 1, d: Math.min(D - 1, bz1 + 1) - z0 + 1 };
  envelopes(mask, ws, out, box, H, hasBg, Side.Inside, 0);
  return out;
}

/**
 * Passes 2 and 3 on a box, a row y at a time: per slice, the lower envelope along x of the squared
 * column distances (`rows`, at the voxels' indices, n or more: none; a slice without features is
 * infinitely far), into a slab that holds the row's lines through the slices one after the other;
 * then per line, the envelope along z, sampled into `out` where mask !== skip.
 */
function envelopes(mask: Uint8Array, ws: EdtWorkspace, out: Float32Array, box: Box, n: number, hasFeature: Uint8Array, side: Side, skip: number): void {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  const { rows, f, v, z } = ws;
  const sx2 = sx * sx;
  const sz2 = sz * sz;
  const sq = ws.squares(n, sy * sy);
  const slab = ws.slab(w * d);
  for (let y = 0; y < h; y++) {
    for (let k = 0; k < d; k++) {
      const r0 = (z0 + k) * WH + (y0 + y) * W + x0;
      let last = -1;
      if (hasFeature[z0 + k]) {
        if (side === Side.Feature) for (let q = 0; q < w; q++) f[q] = sq[rows[r0 + q]];
        else if (side === Side.Outside) for (let q = 0; q < w; q++) f[q] = mask[r0 + q] ? 0 : sq[rows[r0 + q]];
        else for (let q = 0; q < w; q++) f[q] = mask[r0 + q] ? sq[rows[r0 + q]] : 0;
        last = lowerEnvelope(f, w, sx2, v, z);
      }
      if (last < 0) for (let x = 0; x < w; x++) slab[x * d + k] = Infinity;
      else sampleEnvelope(f, w, sx2, v, z, last, slab, k, d);
    }
    const m0 = z0 * WH + (y0 + y) * W + x0;
    for (let x = 0; x < w; x++) {
      const o = x * d;
      for (let q = 0; q < d; q++) f[q] = slab[o + q];
      sampleEnvelopeWhere(f, d, sz2, v, z, lowerEnvelope(f, d, sz2, v, z), out, m0 + x, WH, mask, skip);
    }
  }
}
