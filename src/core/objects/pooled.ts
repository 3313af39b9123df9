import { addCounts, meanObjectMetrics, objectMetrics, zeroCounts } from './metrics';
import type { ObjectCounts, ObjectSet, PairObjects } from './types';

/**
 * Object metrics of a dataset from the counts and matched IoU summed over every pair, per class
 * (panopticapi's PQ): a dataset of many small images is not an average of noisy per-image ratios.
 * Multi-class: counts summed over classes, metrics the mean over classes with an object anywhere.
 */
export interface PooledObjects extends ObjectSet {
  /** Per foreground class, when some pair was multi-class. */
  perClass?: Record<string, ObjectSet>;
}

/** Sums each class's object counts and matched IoU pair by pair (a binary pair is class 1). */
export class PooledObjectCounts {
  private readonly classes = new Map<string, { counts: ObjectCounts; iouSum: number }>();
  private multiclass = false;

  add(o: PairObjects): void {
    this.multiclass ||= o.perClass !== undefined;
    for (const [k, set] of Object.entries(o.perClass ?? { '1': o })) {
      let t = this.classes.get(k);
      if (!t) this.classes.set(k, (t = { counts: zeroCounts(), iouSum: 0 }));
      addCounts(t.counts, set.counts);
      t.iouSum += set.iouSum;
    }
  }

  /** Undefined when no pair had object results. */
  build(): PooledObjects | undefined {
    if (this.classes.size === 0) return undefined;
    const perClass: Record<string, ObjectSet> = {};
    const counts = zeroCounts();
    let iouSum = 0;
    for (const [k, t] of [...this.classes].sort(([a], [b]) => Number(a) - Number(b))) {
      perClass[k] = { counts: t.counts, iouSum: t.iouSum, metrics: objectMetrics(t.counts, t.iouSum) };
      addCounts(counts, t.counts);
      iouSum += t.iouSum;
    }
    if (!this.multiclass) return perClass['1'];
    return { counts, iouSum, metrics: meanObjectMetrics(Object.values(perClass)), perClass };
  }
}
