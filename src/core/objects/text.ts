import type { Tagged } from '../types';
import type { PooledObjects } from './pooled';
import { OBJECT_METRIC_IDS, type ObjectCounts, type PairObjects } from './types';

/** Object columns of the text formats, each function given the format's way to show a value. */
export type Show = (v: Tagged | undefined) => string;

const COUNT_KEYS: readonly (keyof ObjectCounts)[] = ['gt', 'pred', 'tp', 'fp', 'fn'];

/** CSV: every object count and metric of a pair, in columns `objects:<key>`. */
export const objectCsvHead = (): string[] => [...COUNT_KEYS, ...OBJECT_METRIC_IDS].map((k) => `objects:${k}`);
export const objectCsvCells = (o: PairObjects | undefined, show: Show): string[] => [
  ...COUNT_KEYS.map((k) => (o ? String(o.counts[k]) : '')),
  ...OBJECT_METRIC_IDS.map((id) => show(o?.metrics[id])),
];

/** Markdown and table rows of a pair: what a reader scans for first, the misses and extras, and PQ. */
export const OBJECT_PAIR_HEAD = ['missed', 'extra', 'pq'];
export const objectPairCells = (o: PairObjects | undefined, show: Show): string[] =>
  o ? [`${o.counts.fn}/${o.counts.gt}`, `${o.counts.fp}/${o.counts.pred}`, show(o.metrics.pq)] : ['', '', ''];

/** The pooled object metrics as a table: one row per class when multi-class, then the overall row. */
export function pooledObjectRows(p: PooledObjects, show: Show): string[][] {
  const head = ['objects', ...COUNT_KEYS, ...OBJECT_METRIC_IDS.map((id) => id.replace('object-', ''))];
  const row = (label: string, set: Pick<PooledObjects, 'counts' | 'metrics'>): string[] => [
    label,
    ...COUNT_KEYS.map((k) => String(set.counts[k])),
    ...OBJECT_METRIC_IDS.map((id) => show(set.metrics[id])),
  ];
  const classes = Object.entries(p.perClass ?? {}).map(([c, set]) => row(`class ${c}`, set));
  return [head, ...classes, row(p.perClass ? 'all (mean over classes)' : 'all', p)];
}
