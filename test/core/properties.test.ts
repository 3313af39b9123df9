import { describe, expect, it } from 'vitest';
import { computePair, cpuStats, evaluateClass, resolveOptions } from '../../src/core/engine';
import { LOSSES, METRICS } from '../../src/core/registry';
import type { PairInput, Tagged } from '../../src/core/types';
import { randomPair, transformPair } from '../helpers/random';

const SEEDS = [1, 2, 3, 4, 5, 6];

/** Same status, and the same value up to summation order. */
function expectSame(a: Tagged, b: Tagged, label: string): void {
  expect(a.status, label).toBe(b.status);
  if (b.value === null) expect(a.value, label).toBeNull();
  else expect(a.value as number, label).toBeCloseTo(b.value, 9);
}

function hardCopy(input: PairInput): PairInput {
  return { ...input, prob: Float32Array.from(input.labels, (l) => (l ? 1 : 0)) };
}

describe('engine properties', () => {
  it.each(SEEDS)('identical masks: zero distances, Dice and IoU 1 (seed %i)', (seed) => {
    const r = computePair(hardCopy(randomPair(seed, 40, 31)));
    for (const id of ['hd', 'hd95', 'assd']) expect(r.metrics[id]).toEqual({ value: 0, status: 'ok' });
    for (const id of ['dice', 'iou', 'nsd', 'precision', 'recall', 'accuracy']) expect(r.metrics[id]).toEqual({ value: 1, status: 'ok' });
  });

  it.each(SEEDS)('symmetric metrics do not care which mask is the ground truth (seed %i)', (seed) => {
    const a = randomPair(seed, 37, 29);
    const b = randomPair(seed + 100, 37, 29);
    const ab = computePair({ ...a, prob: Float32Array.from(b.labels) });
    const ba = computePair({ ...b, prob: Float32Array.from(a.labels) });
    for (const id of ['dice', 'iou', 'hd', 'hd95', 'assd', 'nsd', 'accuracy']) expectSame(ab.metrics[id], ba.metrics[id], id);
    expectSame(ab.metrics.precision, ba.metrics.recall, 'precision/recall');
  });

  it.each(SEEDS)('every loss lies in its documented range, every value carries a status (seed %i)', (seed) => {
    const r = computePair(randomPair(seed, 45, 33));
    for (const l of LOSSES) {
      const v = r.losses[l.id];
      expect(v.status, l.id).toBe('ok');
      expect(v.value as number, l.id).toBeGreaterThanOrEqual(l.range[0] - 1e-12);
      expect(v.value as number, l.id).toBeLessThanOrEqual(l.range[1] + 1e-12);
    }
    for (const m of METRICS) expect(['ok', 'undefined', 'infinite'], m.id).toContain(r.metrics[m.id].status);
  });

  it.each(SEEDS.flatMap((s) => [[s, 'rotate'], [s, 'transpose']] as const))(
    'rotating or transposing a pair leaves every value unchanged (seed %i, %s)',
    (seed, how) => {
      const input = randomPair(seed, 33, 26);
      const a = computePair(input);
      const b = computePair(transformPair(input, how));
      for (const set of ['losses', 'metrics'] as const)
        for (const [id, v] of Object.entries(a[set])) expectSame(b[set][id], v, `${set} ${id}`);
    },
  );

  it('a pair whose every pixel is ignored gives statuses, never NaN', () => {
    const input = { ...randomPair(7, 12, 10), ignoreIndex: 255 };
    input.labels.fill(255);
    const r = computePair(input);
    for (const v of [...Object.values(r.losses), ...Object.values(r.metrics)]) {
      expect(Number.isNaN(v.value)).toBe(false);
      if (v.status !== 'ok') expect(v.value).toBeNull();
    }
    expect(r.metrics.dice.status).toBe('ok');
    expect(r.metrics.hd.status).toBe('undefined');
    expect(r.losses.ce.status).toBe('undefined');
  });
});

describe('CpuClassStats.withParams', () => {
  it('keeps the distance fields and gives the numbers of a fresh computation', () => {
    const input = randomPair(11, 40, 30);
    const a = resolveOptions({ params: { focal: { gamma: 2 }, 'hausdorff-dt': { alpha: 2 } } });
    const b = resolveOptions({ params: { focal: { gamma: 0.5 }, 'hausdorff-dt': { alpha: 1.3 }, 'exp-log': { ceGamma: 0.7 } } });
    const [first] = cpuStats(input, a);
    const distances = first.distances;
    const reused = first.withParams(b.sumParams);
    expect(reused.distances).toBe(distances);
    const fresh = evaluateClass(cpuStats(input, b)[0], b);
    const shared = evaluateClass(reused, b);
    for (const [id, v] of Object.entries(fresh.losses)) expectSame(shared.losses[id], v, id);
  });
});
