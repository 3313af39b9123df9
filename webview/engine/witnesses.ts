/**
 * Hausdorff witnesses: the boundary pixel that realises HD (and HD95) and its nearest pixel on the
 * other boundary, so the worst boundary error is found in one glance.
 */
import { percentileSorted } from '../../src/core/distance/percentile';
import type { PresetId } from '../../src/core/types';
import { HD_PERCENTILE } from '../../src/core/options';
import type { Point, Witness } from '../../src/shared/protocol';
import type { BoundaryDistances } from './types';

type Direction = Witness['direction'];

interface Ranked {
  direction: Direction;
  /** Boundary pixel index, and its distance. */
  index: number;
  dist: number;
}

/** The entries of one direction in ascending distance (stable: ties keep row-major order). */
function ranked(b: BoundaryDistances, direction: Direction): Ranked[] {
  return Array.from(b.index, (index, k) => ({ direction, index, dist: b.dist[k] })).sort((a, c) => a.dist - c.dist);
}

/** The order statistic of rank ceil(h), h the numpy rank of percentile q: the pixel at or just above it. */
function atPercentile(list: Ranked[], q: number): Ranked {
  return list[Math.min(list.length - 1, Math.ceil(((list.length - 1) * q) / 100))];
}

/** Nearest pixel of a boundary to a point, in spacing units (first in row-major order on ties). */
function nearest(to: Uint32Array, x: number, y: number, width: number, spacing: readonly [number, number, ...number[]]): Point {
  let best = Infinity;
  let arg = 0;
  for (const i of to) {
    const dx = ((i % width) - x) * spacing[0];
    const dy = (Math.floor(i / width) - y) * spacing[1];
    const d = dx * dx + dy * dy;
    if (d < best) {
      best = d;
      arg = i;
    }
  }
  return [arg % width, Math.floor(arg / width)];
}

/**
 * Witnesses of HD (the larger of the two directions' maxima) and HD95 (the direction with the larger
 * percentile `q`, 95 unless the HD percentile setting says otherwise; preset medpy pools both). None
 * when a boundary is empty (HD is then undefined or ∞).
 */
export function findWitnesses(
  predToGt: BoundaryDistances,
  gtToPred: BoundaryDistances,
  width: number,
  spacing: readonly [number, number, ...number[]],
  preset: PresetId,
  q = HD_PERCENTILE.default,
): Witness[] {
  if (!predToGt.index.length || !gtToPred.index.length) return [];
  const pg = ranked(predToGt, 'predToGt');
  const gp = ranked(gtToPred, 'gtToPred');
  const last = (l: Ranked[]) => l[l.length - 1];
  const hd = last(gp).dist > last(pg).dist ? last(gp) : last(pg);
  let hd95: Ranked;
  if (preset === 'medpy') hd95 = atPercentile([...pg, ...gp].sort((a, c) => a.dist - c.dist), q);
  else {
    const pct = (l: Ranked[]) => percentileSorted(l.map((r) => r.dist), q);
    hd95 = pct(gp) > pct(pg) ? atPercentile(gp, q) : atPercentile(pg, q);
  }
  const witness = (metric: Witness['metric'], r: Ranked): Witness => {
    const x = r.index % width;
    const y = Math.floor(r.index / width);
    const other = r.direction === 'predToGt' ? gtToPred.index : predToGt.index;
    const to = nearest(other, x, y, width, spacing);
    const distance = Math.hypot((to[0] - x) * spacing[0], (to[1] - y) * spacing[1]);
    return { metric, direction: r.direction, from: [x, y], to, distance };
  };
  return [witness('hd', hd), witness('hd95', hd95)];
}
