/**
 * Hausdorff witnesses of a volume pair: the boundary voxel where HD (and HD95) is realised and its
 * nearest voxel on the other boundary, so a viewer can jump to the slice where the worst error is.
 * Distances come from the exact 3-D EDT with spacing, the transform the `hd` and `hd95` metrics read,
 * so a witness's distance is the metric's value.
 */
import { boundingBox } from '../distance/box';
import { boundary, EdtWorkspace, squaredEdtInto } from '../distance/edt';
import { percentileSorted } from '../distance/percentile';
import type { PresetId } from '../types';
import { HD_PERCENTILE } from '../options';

export type Voxel = [x: number, y: number, z: number];

export interface VolumeWitness {
  metric: 'hd' | 'hd95';
  /** predToGt: `from` lies on the prediction's boundary, `to` on the ground truth's. */
  direction: 'predToGt' | 'gtToPred';
  from: Voxel;
  to: Voxel;
  /** From `from` to `to`, in the spacing's units (mm). */
  distance: number;
}

export interface WitnessGrid {
  width: number;
  height: number;
  depth: number;
  /** Voxel size along x, y, z. */
  spacing: readonly [number, number, number];
}

export interface WitnessOptions {
  preset: PresetId;
  /** Percentile of `hd95` (95 when absent); preset medpy pools both directions, as the metric does. */
  hdPercentile?: number;
}

interface Directed {
  direction: VolumeWitness['direction'];
  /** Boundary voxels of `from` (raster order) and their distances to the other boundary, both by ascending distance. */
  index: Uint32Array;
  dist: Float64Array;
}

/** Each voxel of boundary `from` with its distance to boundary `to`, ascending (ties in raster order). */
function directed(direction: Directed['direction'], from: Uint8Array, to: Uint8Array, ws: EdtWorkspace, buf: Float32Array): Directed {
  const { width, height, depth = 1 } = ws.grid;
  const box = boundingBox([from, to], width, height, 0, depth)!;
  squaredEdtInto(to, 1, ws, buf, box);
  const voxels: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i]) voxels.push(i);
  const d = voxels.map((i) => (to[i] ? 0 : Math.sqrt(buf[i])));
  const order = voxels.map((_, k) => k).sort((a, b) => d[a] - d[b] || a - b);
  return { direction, index: Uint32Array.from(order, (k) => voxels[k]), dist: Float64Array.from(order, (k) => d[k]) };
}

const voxelOf = (i: number, g: WitnessGrid): Voxel => [i % g.width, Math.floor(i / g.width) % g.height, Math.floor(i / (g.width * g.height))];

/** The voxel of a boundary nearest to `v` (first in raster order on ties). */
function nearest(b: Uint8Array, v: Voxel, g: WitnessGrid): Voxel {
  const [sx, sy, sz] = g.spacing;
  let best = Infinity;
  let arg = 0;
  for (let i = 0; i < b.length; i++) {
    if (!b[i]) continue;
    const [x, y, z] = voxelOf(i, g);
    const d = ((x - v[0]) * sx) ** 2 + ((y - v[1]) * sy) ** 2 + ((z - v[2]) * sz) ** 2;
    if (d < best) {
      best = d;
      arg = i;
    }
  }
  return voxelOf(arg, g);
}

/**
 * Witnesses of HD (the larger of the two directed maxima; predToGt on a tie) and HD95 (the direction
 * with the larger percentile, at the order statistic of rank ⌈h⌉ for numpy's rank h; preset medpy ranks
 * both directions pooled). `y` and `hard` are the ground truth and the hard prediction, 0/1 per voxel
 * (x fastest, then y, then z). None when either boundary is empty (HD is then undefined or ∞).
 */
export function volumeWitnesses(y: Uint8Array, hard: Uint8Array, g: WitnessGrid, o: WitnessOptions): VolumeWitness[] {
  const bG = boundary(y, g.width, g.height, g.depth);
  const bP = boundary(hard, g.width, g.height, g.depth);
  if (!bG.includes(1) || !bP.includes(1)) return [];
  const ws = new EdtWorkspace({ width: g.width, height: g.height, depth: g.depth, sx: g.spacing[0], sy: g.spacing[1], sz: g.spacing[2] });
  const buf = new Float32Array(y.length);
  const pg = directed('predToGt', bP, bG, ws, buf);
  const gp = directed('gtToPred', bG, bP, ws, buf);
  const q = o.hdPercentile ?? HD_PERCENTILE.default;
  const rank = (n: number) => Math.min(n - 1, Math.ceil(((n - 1) * q) / 100));
  const last = (d: Directed) => d.dist[d.dist.length - 1];
  const witness = (metric: VolumeWitness['metric'], d: Directed, k: number): VolumeWitness => {
    const from = voxelOf(d.index[k], g);
    return { metric, direction: d.direction, from, to: nearest(d.direction === 'predToGt' ? bG : bP, from, g), distance: d.dist[k] };
  };
  const hdDir = last(gp) > last(pg) ? gp : pg;
  const out = [witness('hd', hdDir, hdDir.dist.length - 1)];
  if (o.preset === 'medpy') {
    // Pooled: both directions' distances in one ascending list (stable: predToGt first on ties, as mergeSorted).
    const entries = (d: Directed) => Array.from(d.dist, (dist, k) => ({ dist, d, k }));
    const pooled = [...entries(pg), ...entries(gp)].sort((a, b) => a.dist - b.dist);
    const r = pooled[rank(pooled.length)];
    out.push(witness('hd95', r.d, r.k));
  } else {
    const dir = percentileSorted(gp.dist, q) > percentileSorted(pg.dist, q) ? gp : pg;
    out.push(witness('hd95', dir, rank(dir.dist.length)));
  }
  return out;
}
