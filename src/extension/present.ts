/** How numbers are shown and ranked in the tree, hovers and status bar. Pure: no `vscode`. */
import { METRICS, getLoss, getMetric } from '../core/registry';
import type { PairReport } from '../core/report/schema';
import type { Category, Tagged } from '../core/types';
import type { SortKey } from './settingsModel';

/** Four significant digits; `undefined` and `infinite` spelled out, as the tree promises. */
export function formatValue(v: Tagged | undefined): string {
  if (!v) return '—';
  if (v.status !== 'ok') return v.status;
  const x = v.value as number;
  if (x === 0) return '0';
  return Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString();
}

export type Quality = 'good' | 'fair' | 'poor';

/** Ratio of agreement above which a value counts as good, or fair. */
const GOOD = 0.9;
const FAIR = 0.7;

/**
 * Quality of a value when it can be judged on its own: ratio metrics directly, losses whose range is
 * [0, 1] as 1 − loss. Distances and unbounded losses have no scale without the image, so none.
 */
export function qualityOf(key: SortKey, v: Tagged | undefined): Quality | undefined {
  if (!v || v.status === 'undefined') return undefined;
  let score: number;
  if (key.kind === 'metric') {
    const m = getMetric(key.id);
    if (m.kind !== 'ratio') return v.status === 'infinite' ? 'poor' : undefined;
    if (v.status !== 'ok') return undefined;
    score = m.higherIsBetter ? (v.value as number) : 1 - (v.value as number);
  } else {
    const l = getLoss(key.id);
    if (v.status === 'infinite') return 'poor';
    if (l.range[0] !== 0 || l.range[1] !== 1) return undefined;
    score = 1 - (v.value as number);
  }
  return score >= GOOD ? 'good' : score >= FAIR ? 'fair' : 'poor';
}

export const valueOf = (r: PairReport | undefined, key: SortKey): Tagged | undefined =>
  r && (key.kind === 'metric' ? r.metrics[key.id] : r.losses[key.id]);

/** "1/3 missed · 2 extra": the objects a pair misses and adds; undefined when neither side has one. */
export function objectCounts(r: PairReport): string | undefined {
  const c = r.objects?.counts;
  if (!c || c.gt + c.pred === 0) return undefined;
  return `${c.fn}/${c.gt} missed · ${c.fp} extra`;
}

export const higherIsBetter = (key: SortKey): boolean => key.kind === 'metric' && getMetric(key.id).higherIsBetter;

/** Distance metrics go by their usual abbreviations where space is short. */
const ABBREVIATIONS: Record<string, string> = { hd: 'HD', hd95: 'HD95', assd: 'ASSD', nsd: 'NSD' };

export const metricName = (id: string): string => ABBREVIATIONS[id] ?? METRICS.find((m) => m.id === id)?.name ?? id;

export const keyName = (key: SortKey): string => (key.kind === 'metric' ? metricName(key.id) : `${getLoss(key.id).name} loss`);

/**
 * Rank for worst-first order: failed pairs first, then values from worst to best (an infinite
 * distance or loss is the worst value), then undefined values, then pairs still being computed.
 */
export function badness(r: PairReport | undefined, key: SortKey): [number, number] {
  if (!r) return [3, 0];
  if (r.error) return [0, 0];
  const v = valueOf(r, key);
  if (!v || v.status === 'undefined') return [2, 0];
  const x = v.status === 'infinite' ? Infinity : (v.value as number);
  return [1, higherIsBetter(key) ? -x : x];
}

/** Sorts items worst-first by `key`; ties keep their order (discovery order: by path). */
export function worstFirst<T>(items: readonly T[], report: (t: T) => PairReport | undefined, key: SortKey): T[] {
  const ranked = items.map((t, i) => ({ t, i, b: badness(report(t), key) }));
  ranked.sort((a, b) => a.b[0] - b.b[0] || (a.b[1] === b.b[1] ? 0 : b.b[1] > a.b[1] ? 1 : -1) || a.i - b.i);
  return ranked.map((r) => r.t);
}

export const CATEGORY_TITLES: Record<Category, string> = {
  distribution: 'Distribution losses',
  region: 'Region losses',
  boundary: 'Boundary losses',
  compound: 'Compound losses',
};

/** The metrics a hover shows first, when enabled. */
export const KEY_METRICS = ['dice', 'iou', 'precision', 'recall', 'hd95', 'assd'] as const;

