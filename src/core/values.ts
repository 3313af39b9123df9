import type { Tagged } from './types';

export const ok = (value: number): Tagged =>
  Number.isNaN(value)
    ? { value: null, status: 'undefined' }
    : Number.isFinite(value)
      ? { value, status: 'ok' }
      : { value: null, status: 'infinite' };
export const undefinedValue = (): Tagged => ({ value: null, status: 'undefined' });
export const infinite = (): Tagged => ({ value: null, status: 'infinite' });

/** A ratio whose zero denominator has a meaning chosen by the caller (undefined, or a preset's 0). */
export function ratio(num: number, den: number, onZero: Tagged): Tagged {
  return den === 0 ? onZero : ok(num / den);
}

/** Mean of tagged values: any infinite gives infinite, undefined members are left out. */
export function meanTagged(values: Tagged[]): Tagged {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v.status === 'infinite') return infinite();
    if (v.status === 'ok') {
      sum += v.value as number;
      count++;
    }
  }
  return count === 0 ? undefinedValue() : ok(sum / count);
}
