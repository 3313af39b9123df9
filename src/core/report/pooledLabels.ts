import { METRICS } from '../metrics/index';
import type { Counts } from '../stats/confusion';
import type { PresetId, Tagged } from '../types';
import { meanTagged } from '../values';
import { countStats, POOLED_METRIC_IDS, type PooledClass, type PooledSet } from './pooled';
import type { PairReport } from './schema';

/**
 * Multi-label pairs pooled over a dataset: channel c's TP/FP/FN/TN summed over every pair, as a
 * single-label class's are. Channels overlap, so there is no confusion matrix, and none is a
 * background: the mean runs over every channel, leaving out those empty in every pair.
 */
export class PooledLabelCounts {
  private readonly counts: Counts[] = [];
  private readonly metricIds = new Set<string>();

  /** A computed multi-label pair; anything else is not a multi-label pair to pool. */
  add(pair: Pick<PairReport, 'mode' | 'perClass' | 'metrics'>): void {
    if (pair.mode !== 'multilabel' || !pair.perClass) return;
    for (const [k, v] of Object.entries(pair.perClass)) {
      if (!v.counts) continue;
      const t = (this.counts[Number(k)] ??= { tp: 0, fp: 0, fn: 0, tn: 0 });
      t.tp += v.counts.tp;
      t.fp += v.counts.fp;
      t.fn += v.counts.fn;
      t.tn += v.counts.tn;
    }
    for (const id of Object.keys(pair.metrics)) if (POOLED_METRIC_IDS.includes(id)) this.metricIds.add(id);
  }

  /** Undefined when no multi-label pair was computed. */
  build(preset: PresetId): PooledSet | undefined {
    if (this.counts.length === 0) return undefined;
    const modules = METRICS.filter((x) => this.metricIds.has(x.id));
    const perClass: Record<string, PooledClass> = {};
    const absent: number[] = [];
    const included: PooledClass[] = [];
    for (let c = 0; c < this.counts.length; c++) {
      const counts = this.counts[c] ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
      const stats = countStats(counts);
      const metrics: Record<string, Tagged> = {};
      for (const mod of modules) metrics[mod.id] = mod.compute(stats, { preset, nsdTolerance: 0 });
      const pc = { counts: { ...counts }, metrics };
      perClass[String(c)] = pc;
      if (counts.tp + counts.fp + counts.fn === 0) absent.push(c);
      else included.push(pc);
    }
    const metrics: Record<string, Tagged> = {};
    for (const mod of modules) metrics[mod.id] = meanTagged(included.map((pc) => pc.metrics[mod.id]));
    return { metrics, perClass, meanOver: 'all', absent, multiLabel: true };
  }
}
