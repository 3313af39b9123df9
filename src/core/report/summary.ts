import type { Aggregate, PairReport, Summary } from './schema';

/** Collects one number per pair and id (not the images), so a summary of any size stays small. */
class ValueColumns {
  private readonly columns = new Map<string, { values: number[]; infinite: number }>();

  add(values: PairReport['losses']): void {
    for (const [id, v] of Object.entries(values)) {
      let col = this.columns.get(id);
      if (!col) this.columns.set(id, (col = { values: [], infinite: 0 }));
      if (v.status === 'ok') col.values.push(v.value as number);
      else if (v.status === 'infinite') col.infinite++;
    }
  }

  aggregate(): Record<string, Aggregate> {
    const out: Record<string, Aggregate> = {};
    for (const [id, { values, infinite }] of this.columns) out[id] = aggregate(values, infinite);
    return out;
  }
}

export function aggregate(values: number[], infinite = 0): Aggregate {
  if (values.length === 0) return { mean: null, median: null, min: null, max: null, count: 0, infinite };
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { mean: sorted.reduce((a, b) => a + b, 0) / n, median, min: sorted[0], max: sorted[n - 1], count: n, infinite };
}

class Totals {
  pairs = 0;
  failed = 0;
  readonly losses = new ValueColumns();
  readonly metrics = new ValueColumns();
  add(pair: PairReport): void {
    this.pairs++;
    if (pair.error) this.failed++;
    this.losses.add(pair.losses);
    this.metrics.add(pair.metrics);
  }
  summary(): Omit<Summary, 'models'> {
    return { pairs: this.pairs, failed: this.failed, losses: this.losses.aggregate(), metrics: this.metrics.aggregate() };
  }
}

/** Summary over all pairs, and per model when there are several. */
export class SummaryBuilder {
  private readonly all = new Totals();
  private readonly models = new Map<string, Totals>();

  add(pair: PairReport): void {
    this.all.add(pair);
    let m = this.models.get(pair.model);
    if (!m) this.models.set(pair.model, (m = new Totals()));
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
