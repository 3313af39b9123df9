import { METRICS } from '../metrics/index';
import type { PairReport } from './schema';

const DISTANCE_IDS = new Set(METRICS.filter((m) => m.kind === 'distance').map((m) => m.id));

/**
 * The largest distance inside a pair's image, in physical units: √Σ(size·spacing)² over its axes
 * (width, height, and depth for a volume). Metrics Reloaded replaces an infinite distance by it.
 */
export function imageDiagonal(pair: Pick<PairReport, 'width' | 'height' | 'depth' | 'spacing'>, spacing: readonly number[]): number | null {
  if (pair.width === null || pair.height === null) return null;
  const sizes = pair.depth ? [pair.width, pair.height, pair.depth] : [pair.width, pair.height];
  // A volume's distances are in the voxel size it was computed with (its header's, or the one given).
  const size = pair.spacing ?? spacing;
  return Math.sqrt(sizes.reduce((s, n, k) => s + (n * (size[k] ?? 1)) ** 2, 0));
}

/**
 * Each distance metric of a pair with infinite values replaced by the image diagonal: null where the
 * value is undefined. A multi-class pair's value is redone as the foreground mean of its classes,
 * each infinite class replaced, as the engine averages them.
 */
export function worstCaseValues(pair: PairReport, spacing: readonly number[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const diag = imageDiagonal(pair, spacing);
  if (diag === null) return out;
  for (const [id, v] of Object.entries(pair.metrics)) {
    if (!DISTANCE_IDS.has(id)) continue;
    if (v.status !== 'infinite') {
      out[id] = v.value;
      continue;
    }
    const classes = pair.perClass ? Object.entries(pair.perClass).filter(([k]) => k !== '0').map(([, set]) => set.metrics[id]) : [];
    let sum = 0;
    let count = 0;
    for (const c of classes) {
      if (!c || c.status === 'undefined') continue;
      sum += c.status === 'ok' ? (c.value as number) : diag;
      count++;
    }
    out[id] = count ? sum / count : diag;
  }
  return out;
}
