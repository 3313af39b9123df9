import type { Tagged } from '../types';
import type { PooledSet } from './pooled';

/** A class as people read it: its name when known ("3 car"), else its index. */
export const classLabel = (c: number | string, names?: Readonly<Record<string, string>>): string => {
  const name = names?.[String(c)];
  return name === undefined ? String(c) : `${c} ${name}`;
};

/**
 * The pooled metrics as a table for text formats: one row per class with its summed counts and
 * metrics, then the mean row (the classes it runs over, absent classes named in its label).
 */
export function pooledRows(p: PooledSet, show: (v: Tagged | undefined) => string, names?: Readonly<Record<string, string>>): string[][] {
  const ids = Object.keys(p.metrics);
  const head = ['class', 'tp', 'fp', 'fn', ...ids];
  const rows = Object.entries(p.perClass).map(([c, pc]) => [
    classLabel(c, names) + (p.absent.includes(Number(c)) ? ' (absent)' : ''),
    String(pc.counts.tp), String(pc.counts.fp), String(pc.counts.fn),
    ...ids.map((id) => show(pc.metrics[id])),
  ]);
  const mean = [`mean (${p.meanOver === 'all' ? 'all classes' : 'foreground'})`, '', '', '', ...ids.map((id) => show(p.metrics[id]))];
  return [head, ...rows, mean];
}
