import { describe, expect, it } from 'vitest';
import { groupSummary } from '../../../src/extension/groupSummary';

const ok = (value: number) => ({ value, status: 'ok' as const });
const inf = { value: null, status: 'infinite' as const };
const undef = { value: null, status: 'undefined' as const };

describe('pairs tree group description', () => {
  it('the mean of the ok values, as before when nothing is left out', () => {
    expect(groupSummary(3, 'Dice', [ok(0.5), ok(1), undefined])).toBe('3 pairs · mean Dice 0.75');
  });

  it('counts the infinite and undefined values the mean leaves out', () => {
    expect(groupSummary(4, 'HD', [ok(2), inf, inf, undef])).toBe('4 pairs · mean HD 2 (2 infinite, 1 undefined)');
    expect(groupSummary(1, 'HD', [inf])).toBe('1 pair · HD (1 infinite)');
    expect(groupSummary(2, 'Dice', [])).toBe('2 pairs');
  });
});
