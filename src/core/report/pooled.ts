import { METRICS } from '../metrics/index';
import type { MetricModule } from '../metrics/types';
import { addMatrix, countsOf, type ConfusionMatrix, type Counts } from '../stats/confusion';
import type { ClassStats } from '../stats/types';
import type { PresetId, Tagged } from '../types';
import type { PairReport } from './schema';
import { meanTagged } from '../values';
import { MEAN_OVER_OPTION } from '../options';

/** Which classes a pooled mean runs over: foreground (1…C−1, the default) or all (VOC/mmseg count background). */
export type MeanOver = 'foreground' | 'all';
export const MEAN_OVER: readonly MeanOver[] = MEAN_OVER_OPTION.values;

/** Metrics of hard counts: they pool by summing the counts. Distances do not pool. */
export const POOLED_METRIC_IDS: readonly string[] = ['dice', 'iou', 'precision', 'recall', 'specificity', 'accuracy'];

export interface PooledClass {
  counts: Counts;
  metrics: Record<string, Tagged>;
}

/** Dataset-level metrics, computed once from the counts summed over every pair (Cityscapes, mmseg, VOC mIoU). */
export interface PooledSet {
  /** Mean over the classes of `meanOver`, leaving out `absent` classes. */
  metrics: Record<string, Tagged>;
  perClass: Record<string, PooledClass>;
  /** Summed confusion matrix: rows = ground-truth class, columns = predicted class; absent for multi-label pairs. */
  confusion?: ConfusionMatrix;
  /** Pooled from multi-label pairs: each channel's counts summed on their own (see pooledLabels.ts). */
  multiLabel?: true;
  meanOver: MeanOver;
  /** Classes in neither the ground truth nor the prediction of any pair: left out of the mean. */
  absent: number[];
}

/** Statistics of a binary problem that only has hard counts: all that the overlap metrics read. */
export function countStats(c: Counts): ClassStats {
  const n = c.tp + c.fp + c.fn + c.tn;
  return {
    sums: {
      n, sumP: 0, sumY: c.tp + c.fn, tp: 0, cePos: 0, ceNeg: 0, focalPos: 0, focalNeg: 0, sqErrPos: 0, sqErrNeg: 0,
      expLogPos: 0, expLogNeg: 0, hardP: c.tp + c.fp, hardTp: c.tp,
    },
    fields: { distancePenalizedCe: 0, hausdorffDt: 0, boundary: 0 },
    surface: { predToGt: new Float64Array(0), gtToPred: new Float64Array(0) },
    lovaszHinge: 0,
  };
}

/** A computed pair's confusion matrix; a binary pair's counts as the 2×2 matrix of background and foreground. */
export function pairConfusion(pair: Pick<PairReport, 'counts' | 'confusion'>): ConfusionMatrix | undefined {
  if (pair.confusion) return pair.confusion;
  const c = pair.counts;
  return c ? [[c.tn, c.fp], [c.fn, c.tp]] : undefined;
}

/** Sums confusion matrices pair by pair; a binary pair enters as its 2×2 matrix. */
export class PooledCounts {
  private matrix: ConfusionMatrix = [];
  private readonly metricIds = new Set<string>();

  add(confusion: ConfusionMatrix, metricIds: Iterable<string>): void {
    this.matrix = addMatrix(this.matrix, confusion);
    for (const id of metricIds) if (POOLED_METRIC_IDS.includes(id)) this.metricIds.add(id);
  }

  /** Undefined when no pair was computed. */
  build(preset: PresetId, meanOver: MeanOver): PooledSet | undefined {
    const m = this.matrix;
    if (m.length === 0) return undefined;
    const modules: MetricModule[] = METRICS.filter((x) => this.metricIds.has(x.id));
    const perClass: Record<string, PooledClass> = {};
    const absent: number[] = [];
    const included: PooledClass[] = [];
    for (let c = 0; c < m.length; c++) {
      const counts = countsOf(m, c);
      const stats = countStats(counts);
      const metrics: Record<string, Tagged> = {};
      for (const mod of modules) metrics[mod.id] = mod.compute(stats, { preset, nsdTolerance: 0 });
      const pc = { counts, metrics };
      perClass[String(c)] = pc;
      if (counts.tp + counts.fp + counts.fn === 0) absent.push(c);
      else if (meanOver === 'all' || c > 0) included.push(pc);
    }
    const metrics: Record<string, Tagged> = {};
    for (const mod of modules) metrics[mod.id] = meanTagged(included.map((pc) => pc.metrics[mod.id]));
    return { metrics, perClass, confusion: m, meanOver, absent };
  }
}
