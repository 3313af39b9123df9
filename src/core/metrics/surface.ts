import { percentileSorted } from '../distance/percentile';
import type { SurfaceDistances } from '../stats/types';
import type { Tagged } from '../types';
import { infinite, ok, undefinedValue } from '../values';
import type { MetricModule } from './types';
import { HD_PERCENTILE } from '../options';

/** Both boundaries empty: undefined; exactly one empty: the distances are infinite. */
function surfaceStatus(s: SurfaceDistances): Tagged | null {
  const a = s.predToGt.length;
  const b = s.gtToPred.length;
  if (a === 0 && b === 0) return undefinedValue();
  if (a === 0 || b === 0 || s.predToGt[0] === Infinity || s.gtToPred[0] === Infinity) return infinite();
  return null;
}

const last = (xs: Float64Array): number => xs[xs.length - 1];

/** Sorted union of two ascending arrays (MedPy pools both directions before its percentile). */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

const UNDEF = 'both boundaries empty → undefined; exactly one empty → infinite';

export const hd: MetricModule = {
  id: 'hd',
  name: 'Hausdorff distance',
  summary: 'The largest distance from a point of either boundary to the other boundary.',
  formula: 'max(max D(P→G), max D(G→P))',
  higherIsBetter: false,
  kind: 'distance',
  whenUndefined: UNDEF,
  compute: ({ surface: s }) => surfaceStatus(s) ?? ok(Math.max(last(s.predToGt), last(s.gtToPred))),
};

export const hd95: MetricModule = {
  id: 'hd95',
  name: 'Hausdorff distance, 95th percentile',
  summary: 'Hausdorff distance robust to a few outlier pixels (the percentile is a setting, 95 by default).',
  formula: 'max(pct95 D(P→G), pct95 D(G→P)); medpy: pct95 of both directions pooled',
  higherIsBetter: false,
  kind: 'distance',
  whenUndefined: UNDEF,
  compute: ({ surface: s }, { preset, hdPercentile: q = HD_PERCENTILE.default }) =>
    surfaceStatus(s) ??
    ok(
      preset === 'medpy'
        ? percentileSorted(mergeSorted(s.predToGt, s.gtToPred), q)
        : Math.max(percentileSorted(s.predToGt, q), percentileSorted(s.gtToPred, q)),
    ),
};

export const assd: MetricModule = {
  id: 'assd',
  name: 'Average symmetric surface distance',
  summary: 'Mean distance from the points of both boundaries to the other boundary.',
  formula: 'mean(D(P→G) ∪ D(G→P))',
  higherIsBetter: false,
  kind: 'distance',
  whenUndefined: UNDEF,
  compute: ({ surface: s }) => {
    const status = surfaceStatus(s);
    if (status) return status;
    let sum = 0;
    for (const d of s.predToGt) sum += d;
    for (const d of s.gtToPred) sum += d;
    return ok(sum / (s.predToGt.length + s.gtToPred.length));
  },
};

/** Count of an ascending array's values ≤ τ. */
function countAtMost(xs: Float64Array, tau: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= tau) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const nsd: MetricModule = {
  id: 'nsd',
  name: 'Normalised surface distance',
  summary: 'Share of boundary points within τ of the other boundary (surface Dice).',
  formula: '(#{D(P→G) ≤ τ} + #{D(G→P) ≤ τ})/(#∂P + #∂G)',
  higherIsBetter: true,
  kind: 'ratio',
  whenUndefined: 'both boundaries empty → undefined; exactly one empty → 0',
  compute: ({ surface: s }, { nsdTolerance: tau }) => {
    const total = s.predToGt.length + s.gtToPred.length;
    if (total === 0) return undefinedValue();
    return ok((countAtMost(s.predToGt, tau) + countAtMost(s.gtToPred, tau)) / total);
  },
};
