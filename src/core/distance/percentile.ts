/**
 * Percentile with linear interpolation between order statistics (numpy's default), on an
 * ascending array. Infinity is handled: a rank that touches an infinite order statistic is infinite.
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of an empty set');
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === Infinity || b === Infinity) return h === lo ? a : Infinity;
  return a + (h - lo) * (b - a);
}
