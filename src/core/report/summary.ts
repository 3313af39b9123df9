import type { PresetId } from '../types';
import { MEAN_OVER_OPTION, PRESET } from '../options';
import { pairConfusion, PooledCounts, type MeanOver } from './pooled';
import { PooledLabelCounts } from './pooledLabels';
import type { Aggregate, PairReport, Summary } from './schema';
import { worstCaseValues } from './worstCase';
import { PooledObjectCounts } from '../objects/pooled';
import type { ObjectSummary } from '../objects/report';

/** Collects one number per pair and id (not the images), so a summary of any size stays small. */
class ValueColumns {
  private readonly columns = new Map<string, { values: number[]; infinite: number; undefined: number; worst?: number[] }>();

  add(values: PairReport['losses'], worst: Record<string, number | null> = {}): void {
    for (const [id, v] of Object.entries(values)) {
      let col = this.columns.get(id);
      if (!col) this.columns.set(id, (col = { values: [], infinite: 0, undefined: 0 }));
      if (v.status === 'ok') col.values.push(v.value as number);
      else if (v.status === 'infinite') col.infinite++;
      else col.undefined++;
      const w = worst[id];
      if (w !== undefined) {
        col.worst ??= [];
        if (w !== null) col.worst.push(w);
      }
    }
  }

  aggregate(): Record<string, Aggregate> {
    const out: Record<string, Aggregate> = {};
    for (const [id, col] of this.columns) {
      const a = aggregate(col.values, col.infinite, col.undefined);
      if (col.worst) {
        const w = aggregate(col.worst);
        a.worstCase = { mean: w.mean, median: w.median, min: w.min, max: w.max, count: w.count };
      }
      out[id] = a;
    }
    return out;
  }
}

export function aggregate(values: number[], infinite = 0, undefinedCount = 0): Aggregate {
  const missing = { infinite, undefined: undefinedCount };
  if (values.length === 0) return { mean: null, median: null, min: null, max: null, count: 0, ...missing };
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { mean: sorted.reduce((a, b) => a + b, 0) / n, median, min: sorted[0], max: sorted[n - 1], count: n, ...missing };
}

/** What a summary needs beyond the pairs: the spacing (image diagonals) and the conventions of pooled metrics. */
export interface SummaryOptions {
  /** Pixel size along x, y (and z for volumes); 1 when absent. */
  spacing?: readonly number[];
  preset?: PresetId;
  meanOver?: MeanOver;
}

class Totals {
  pairs = 0;
  failed = 0;
  readonly losses = new ValueColumns();
  readonly metrics = new ValueColumns();
  readonly pooled = new PooledCounts();
  readonly pooledLabels = new PooledLabelCounts();
  readonly objectMetrics = new ValueColumns();
  readonly pooledObjects = new PooledObjectCounts();
  constructor(private readonly o: SummaryOptions) {}
  add(pair: PairReport): void {
    this.pairs++;
    if (pair.error) this.failed++;
    this.losses.add(pair.losses);
    this.metrics.add(pair.metrics, worstCaseValues(pair, this.o.spacing ?? []));
    const m = pairConfusion(pair);
    if (m) this.pooled.add(m, Object.keys(pair.metrics));
    else this.pooledLabels.add(pair);
    if (pair.objects) {
      this.objectMetrics.add(pair.objects.metrics);
      this.pooledObjects.add(pair.objects);
    }
  }
  summary(): Omit<Summary, 'models'> {
    const s: Omit<Summary, 'models'> = { pairs: this.pairs, failed: this.failed, losses: this.losses.aggregate(), metrics: this.metrics.aggregate() };
    // A run's pairs are all single-label or all multi-label (--multi-label); single-label counts win otherwise.
    const preset = this.o.preset ?? PRESET.default;
    const pooled = this.pooled.build(preset, this.o.meanOver ?? MEAN_OVER_OPTION.default) ?? this.pooledLabels.build(preset);
    if (pooled) s.pooled = pooled;
    const objects = this.pooledObjects.build();
    if (objects) s.objects = { pooled: objects, metrics: this.objectMetrics.aggregate() as ObjectSummary['metrics'] };
    return s;
  }
}

/** Summary over all pairs, and per model when there are several. */
export class SummaryBuilder {
  private readonly all: Totals;
  private readonly models = new Map<string, Totals>();

  constructor(private readonly options: SummaryOptions = {}) {
    this.all = new Totals(options);
  }

  add(pair: PairReport): void {
    this.all.add(pair);
    let m = this.models.get(pair.model);
    if (!m) this.models.set(pair.model, (m = new Totals(this.options)));
    m.add(pair);
  }

  build(): Summary {
    const s: Summary = this.all.summary();
    if (this.models.size > 1) {
      s.models = {};
      for (const [name, t] of [...this.models].sort(([a], [b]) => a.localeCompare(b))) s.models[name] = t.summary();
    }
    return s;
  }
}
