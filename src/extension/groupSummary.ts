/** The description of a group in the pairs tree. Pure: no `vscode`. */
import type { Tagged } from '../core/types';
import { formatValue } from './present';

/**
 * "6 pairs · mean Dice 0.873", and how many values the mean leaves out, so that a model missing whole
 * structures (an infinite distance) cannot look better: "6 pairs · mean HD 4.2 (2 infinite, 1 undefined)".
 * Pairs not computed yet (or failed) count in neither.
 */
export function groupSummary(pairs: number, name: string, values: readonly (Tagged | undefined)[]): string {
  let sum = 0;
  let n = 0;
  let infinite = 0;
  let undef = 0;
  for (const v of values) {
    if (v?.status === 'ok') {
      sum += v.value as number;
      n++;
    } else if (v?.status === 'infinite') infinite++;
    else if (v?.status === 'undefined') undef++;
  }
  const count = `${pairs} pair${pairs === 1 ? '' : 's'}`;
  const left = [infinite ? `${infinite} infinite` : '', undef ? `${undef} undefined` : ''].filter(Boolean).join(', ');
  const mean = n ? ` · mean ${name} ${formatValue({ value: sum / n, status: 'ok' })}` : left ? ` · ${name}` : '';
  return `${count}${mean}${left ? ` (${left})` : ''}`;
}
