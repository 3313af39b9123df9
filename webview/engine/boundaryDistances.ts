/** Boundary-to-boundary distances with pixel positions, on the CPU (the GPU engine reads them back). */
import { EdtWorkspace, squaredEdtInto, type Grid } from '../../src/core/distance/edt';
import type { BoundaryDistances } from './types';

/** For each pixel of boundary `from`, its distance to the nearest pixel of boundary `to`. */
export function boundaryDistances(from: Uint8Array, to: Uint8Array, grid: Grid): BoundaryDistances {
  let count = 0;
  for (let i = 0; i < from.length; i++) count += from[i];
  const index = new Uint32Array(count);
  const dist = new Float64Array(count);
  const sq = new Float32Array(from.length);
  const any = squaredEdtInto(to, 1, new EdtWorkspace(grid), sq);
  for (let i = 0, k = 0; i < from.length; i++) {
    if (!from[i]) continue;
    index[k] = i;
    dist[k++] = any ? Math.sqrt(sq[i]) : Infinity;
  }
  return { index, dist };
}

/** Ascending distances of both directions, as `SurfaceDistances`. */
export const sortedDistances = (b: BoundaryDistances): Float64Array => Float64Array.from(b.dist).sort();
