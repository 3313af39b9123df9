/**
 * Squared distances to the nearest feature for a few query pixels whose answers are known to lie
 * below a bound each: a search of the ellipse (ellipsoid in a volume) within the bound around each
 * query, outward so that the bound shrinks to the best found. Surface distances ask this of the
 * pixels of one boundary inside the other mask, where the mask's two-sided field is such a bound
 * and usually a short one; the search then reads a few hundred pixels a query, not the whole box.
 */
import { anySet, words, type Box } from './box';
import { squaredEdtInto, type EdtWorkspace } from './edt';

/** A transform costs about as much as a search reading this many window pixels per pixel of its box... */
const SEARCH_PER_TRANSFORM = 4;
/** ... and the column distances of the box (one pass of the transform) this many. */
const COLUMN_PASS = 3;
/** A bound is widened by this relative margin: it comes rounded to float32 (2⁻²⁴). */
const SLACK = 1 + 1e-6;

/**
 * `squaredEdtInto(to, 1, ws, out, box, query)` at the query pixels, where each query i lies below
 * `bound[i]` (strictly, in exact arithmetic; the bound may come rounded to float32) from a feature.
 * Same values as the transform: its in-plane distance (sx·dx)² + (sy·dy)² is the same sum, and in
 * a volume it is rounded to float32 before (sz·dz)² is added, as the transform's row pass stores it.
 * Falls back to the transform when the searches would read more than it does, or when a bound
 * turns out not to hold (so any bound gives the transform's values; a false one only costs time).
 * `queries`: the pixels set in `query`, ascending, all in `box` (the caller has them as a list).
 */
export function squaredEdtNear(to: Uint8Array, ws: EdtWorkspace, out: Float32Array, box: Box, query: Uint8Array, queries: Int32Array, bound: Float32Array): void {
  const bounds = ws.bounds(queries.length);
  for (let n = 0; n < queries.length; n++) bounds[n] = bound[queries[n]];
  if (!search(to, ws, out, box, queries, bounds)) squaredEdtInto(to, 1, ws, out, box, query);
}

/**
 * `squaredEdtInto(to, 1, ws, out, box, query)` (false, writing nothing, when `box` has no feature)
 * with the bound of each query the nearest feature on the six axis-aligned rays from it (a closed
 * boundary is crossed a few pixels away along some axis); the bounded search of `squaredEdtNear`.
 */
export function squaredEdtByRays(to: Uint8Array, ws: EdtWorkspace, out: Float32Array, box: Box, query: Uint8Array, queries: Int32Array): boolean {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  if (!queries.length) return hasFeature(to, ws, box);
  const bounds = ws.bounds(queries.length);
  for (let n = 0; n < queries.length; n++) {
    const i = queries[n];
    const qz = Math.floor(i / WH);
    const qy = Math.floor((i - qz * WH) / W);
    const qx = i - qz * WH - qy * W;
    let b = Infinity;
    for (let x = qx - 1; x >= x0; x--) if (to[i + x - qx]) { b = Math.min(b, sx * sx * (qx - x) * (qx - x)); break; }
    for (let x = qx + 1; x < x0 + w; x++) if (to[i + x - qx]) { b = Math.min(b, sx * sx * (x - qx) * (x - qx)); break; }
    for (let y = qy - 1; y >= y0; y--) if (to[i + (y - qy) * W]) { b = Math.min(b, sy * sy * (qy - y) * (qy - y)); break; }
    for (let y = qy + 1; y < y0 + h; y++) if (to[i + (y - qy) * W]) { b = Math.min(b, sy * sy * (y - qy) * (y - qy)); break; }
    for (let z = qz - 1; z >= z0; z--) if (to[i + (z - qz) * WH]) { b = Math.min(b, sz * sz * (qz - z) * (qz - z)); break; }
    for (let z = qz + 1; z < z0 + d; z++) if (to[i + (z - qz) * WH]) { b = Math.min(b, sz * sz * (z - qz) * (z - qz)); break; }
    bounds[n] = b;
  }
  return search(to, ws, out, box, queries, bounds) || squaredEdtInto(to, 1, ws, out, box, query);
}

/**
 * The searches of the queries (indices) within their bounds; false, with some written, when they
 * would cost more than the transform or a bound does not hold.
 */
function search(to: Uint8Array, ws: EdtWorkspace, out: Float32Array, box: Box, queries: Int32Array, bounds: Float64Array): boolean {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const sx2 = sx * sx;
  const sy2 = sy * sy;
  const sz2 = sz * sz;
  // Window pixels read: around each query (area), or along its row once the box's column distances
  // are known (columns, one pass over the box more); the cheaper, unless the transform is cheaper still.
  let area = 0;
  let columns = COLUMN_PASS * w * h * d;
  for (let n = 0; n < queries.length; n++) {
    const b = bounds[n] * SLACK;
    if (!(b > 0 && b < Infinity)) return false;
    const cx = Math.min(w, 2 * Math.sqrt(b / sx2) + 1);
    const cy = Math.min(h, 2 * Math.sqrt(b / sy2) + 1);
    const cz = d > 1 ? Math.min(d, 2 * Math.sqrt(b / sz2) + 1) : 1;
    area += cx * cy * cz;
    columns += cx * cz;
  }
  if (Math.min(area, columns) > SEARCH_PER_TRANSFORM * w * h * d) return false;
  if (columns < area) return searchColumns(to, ws, out, box, queries, bounds);
  const WH = W * H;
  const x1 = x0 + w - 1;
  const y1 = y0 + h - 1;
  const z1 = z0 + d - 1;
  for (let n = 0; n < queries.length; n++) {
    const i = queries[n];
    const qz = Math.floor(i / WH);
    const qy = Math.floor((i - qz * WH) / W);
    const qx = i - qz * WH - qy * W;
    let best = Infinity;
    let lim = bounds[n] * SLACK;
    // Slices outward from the query's; each slice's in-plane minimum within what is left of the bound.
    for (let t = 0; t < d; t++) {
      const dz2 = sz2 * t * t;
      if (dz2 > lim) break;
      for (let side = t === 0 ? 1 : 0; side < 2; side++) {
        const k = side ? qz + t : qz - t;
        if (k < z0 || k > z1) continue;
        const rem = lim - dz2;
        let g = Infinity;
        // Rows outward from the query's: none farther than the in-plane best can do better.
        for (let s = 0; s < h; s++) {
          const dy2 = s * s * sy2;
          if (dy2 > rem || dy2 >= g) break;
          for (let sideY = s === 0 ? 1 : 0; sideY < 2; sideY++) {
            const y = sideY ? qy + s : qy - s;
            if (y < y0 || y > y1) continue;
            // Columns within what is left, one more each side against rounding in the square root.
            const rx = Math.floor(Math.sqrt((Math.min(rem, g) - dy2) / sx2)) + 1;
            const row = k * WH + y * W;
            const xa = Math.max(x0, qx - rx);
            const xb = Math.min(x1, qx + rx);
            for (let x = xa; x <= xb; x++) {
              if (!to[row + x]) continue;
              const dx = x - qx;
              const v = sx2 * dx * dx + dy2;
              if (v < g) g = v;
            }
          }
        }
        if (g === Infinity) continue;
        const total = d > 1 ? dz2 + Math.fround(g) : g;
        if (total < best) {
          best = total;
          if (best * SLACK < lim) lim = best * SLACK;
        }
      }
    }
    // Nothing within the bound (only the search window's slack may have found farther features):
    // the bound did not hold.
    if (!(best <= bounds[n] * SLACK)) return false;
    out[i] = best;
  }
  return true;
}

/**
 * `search` with the box's column distances to the nearest feature first (as a transform's first
 * pass): then each slice's in-plane minimum is one along the query's row, sx²·dx² + sy²·r², the very
 * sums of the transform's row envelope.
 */
function searchColumns(to: Uint8Array, ws: EdtWorkspace, out: Float32Array, box: Box, queries: Int32Array, bounds: Float64Array): boolean {
  const { width: W, height: H, sx, sy } = ws.grid;
  const sz = ws.grid.sz ?? 1;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const d = box.d ?? 1;
  const WH = W * H;
  const sx2 = sx * sx;
  const sz2 = sz * sz;
  const rows = ws.rows;
  // Per column of each slice of the box, the row distance to the nearest feature (h or more: none),
  // at the pixels' own indices.
  for (let k = z0; k < z0 + d; k++) {
    const mz = k * WH + y0 * W + x0;
    for (let i = mz; i < mz + w; i++) rows[i] = to[i] ? 0 : h;
    for (let y = 1; y < h; y++) {
      const m0 = mz + y * W;
      for (let i = m0; i < m0 + w; i++) rows[i] = to[i] ? 0 : rows[i - W] + 1;
    }
    for (let y = h - 2; y >= 0; y--) {
      const m0 = mz + y * W;
      for (let i = m0 + w - 1; i >= m0; i--) {
        const down = rows[i + W] + 1;
        if (down < rows[i]) rows[i] = down;
      }
    }
  }
  const sq = ws.squares(h, sy * sy);
  const x1 = x0 + w - 1;
  const z1 = z0 + d - 1;
  for (let n = 0; n < queries.length; n++) {
    const i = queries[n];
    const qz = Math.floor(i / WH);
    const qx = (i - qz * WH) % W;
    let best = Infinity;
    let lim = bounds[n] * SLACK;
    for (let t = 0; t < d; t++) {
      const dz2 = sz2 * t * t;
      if (dz2 > lim) break;
      for (let side = t === 0 ? 1 : 0; side < 2; side++) {
        const k = side ? qz + t : qz - t;
        if (k < z0 || k > z1) continue;
        const rem = lim - dz2;
        const row = i + (k - qz) * WH - qx;
        let g = Infinity;
        // Columns outward from the query's: none farther than the best in the plane can do better.
        for (let s = 0; s < w; s++) {
          const dx2 = sx2 * s * s;
          if (dx2 > rem || dx2 >= g) break;
          for (let sideX = s === 0 ? 1 : 0; sideX < 2; sideX++) {
            const x = sideX ? qx + s : qx - s;
            if (x < x0 || x > x1) continue;
            const dx = x - qx;
            const v = sx2 * dx * dx + sq[rows[row + x]];
            if (v < g) g = v;
          }
        }
        if (g === Infinity) continue;
        const total = d > 1 ? dz2 + Math.fround(g) : g;
        if (total < best) {
          best = total;
          if (best * SLACK < lim) lim = best * SLACK;
        }
      }
    }
    if (!(best <= bounds[n] * SLACK)) return false;
    out[i] = best;
  }
  return true;
}

/** Whether `box` has a feature. */
function hasFeature(to: Uint8Array, ws: EdtWorkspace, box: Box): boolean {
  const { width: W, height: H } = ws.grid;
  const { x0, y0, w, h } = box;
  const z0 = box.z0 ?? 0;
  const to32 = words(to);
  for (let k = z0; k < z0 + (box.d ?? 1); k++)
    for (let y = y0; y < y0 + h; y++) {
      const row = (k * H + y) * W + x0;
      if (anySet(to, to32, row, row + w)) return true;
    }
  return false;
}
