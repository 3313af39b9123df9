/** What the loss report shows beyond the CLI's report: the per-class breakdown. Pure. */
import type { Aggregate, PairReport } from '../../core/report/schema';
import { aggregate } from '../../core/report/summary';

export interface ClassBreakdown {
  index: number;
  /** Multi-class pairs that have this class. */
  pairs: number;
  metrics: Record<string, Aggregate>;
  losses: Record<string, Aggregate>;
}

/** Per class index, the aggregate of each metric and loss over the multi-class pairs. Empty when none is multi-class. */
export function classBreakdown(pairs: readonly PairReport[]): ClassBreakdown[] {
  const byClass = new Map<number, { pairs: number; metrics: Map<string, { values: number[]; infinite: number }>; losses: Map<string, { values: number[]; infinite: number }> }>();
  const add = (into: Map<string, { values: number[]; infinite: number }>, values: PairReport['metrics']) => {
    for (const [id, v] of Object.entries(values)) {
      let col = into.get(id);
      if (!col) into.set(id, (col = { values: [], infinite: 0 }));
      if (v.status === 'ok') col.values.push(v.value as number);
      else if (v.status === 'infinite') col.infinite++;
    }
  };
  for (const p of pairs) {
    for (const [k, set] of Object.entries(p.perClass ?? {})) {
      const index = Number(k);
      let c = byClass.get(index);
      if (!c) byClass.set(index, (c = { pairs: 0, metrics: new Map(), losses: new Map() }));
      c.pairs++;
      add(c.metrics, set.metrics);
      add(c.losses, set.losses);
    }
  }
  const agg = (m: Map<string, { values: number[]; infinite: number }>) => Object.fromEntries([...m].map(([id, c]) => [id, aggregate(c.values, c.infinite)]));
  return [...byClass.entries()].sort(([a], [b]) => a - b).map(([index, c]) => ({ index, pairs: c.pairs, metrics: agg(c.metrics), losses: agg(c.losses) }));
}
