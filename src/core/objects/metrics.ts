import type { Tagged } from '../types';
import { meanTagged, ok, undefinedValue } from '../values';
import { OBJECT_METRIC_IDS, type ObjectCounts, type ObjectMetricId, type ObjectSet } from './types';

export const zeroCounts = (): ObjectCounts => ({ gt: 0, pred: 0, tp: 0, fp: 0, fn: 0 });

export function addCounts(into: ObjectCounts, c: ObjectCounts): void {
  into.gt += c.gt;
  into.pred += c.pred;
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
}

/**
 * Detection and panoptic metrics of one class (Kirillov et al. 2019): RQ = TP / (TP + FP/2 + FN/2)
 * (equal to the object F1), SQ = ΣIoU / TP, PQ = SQ·RQ = ΣIoU / (TP + FP/2 + FN/2).
 *
 * Undefined when neither side has an object. When only one side has objects, a ratio whose
 * denominator is zero is 0 (precision with no prediction, recall with no ground truth, SQ with no
 * match), as panopticapi does: the class failed at object level, and PQ = SQ·RQ still holds.
 */
export function objectMetrics(c: ObjectCounts, iouSum: number): Record<ObjectMetricId, Tagged> {
  if (c.gt + c.pred === 0) return Object.fromEntries(OBJECT_METRIC_IDS.map((id) => [id, undefinedValue()])) as Record<ObjectMetricId, Tagged>;
  const frac = (num: number, den: number): Tagged => ok(den === 0 ? 0 : num / den);
  const half = c.tp + (c.fp + c.fn) / 2;
  return {
    'object-precision': frac(c.tp, c.pred),
    'object-recall': frac(c.tp, c.gt),
    'object-f1': frac(2 * c.tp, c.gt + c.pred),
    pq: frac(iouSum, half),
    sq: frac(iouSum, c.tp),
    rq: frac(c.tp, half),
  };
}

/** Each metric's mean over the given sets, leaving out undefined ones (classes with no object). */
export function meanObjectMetrics(sets: readonly Pick<ObjectSet, 'metrics'>[]): Record<ObjectMetricId, Tagged> {
  return Object.fromEntries(OBJECT_METRIC_IDS.map((id) => [id, meanTagged(sets.map((s) => s.metrics[id]))])) as Record<ObjectMetricId, Tagged>;
}
