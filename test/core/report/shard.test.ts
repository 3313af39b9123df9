import { describe, expect, it } from 'vitest';
import { comparePairs, pairKey } from '../../../src/core/report/order';
import { hash32, inShard, shardOf } from '../../../src/core/report/shard';

const job = (gt: string, over: Partial<Record<'root' | 'dataset' | 'model' | 'pred', string>> = {}) => ({ root: 'data', dataset: '', model: '', pred: gt.replace('gt/', 'pred/'), gt, ...over });

describe('shard of a pair', () => {
  it('is a fixed function of the ground-truth path: parts written by one version merge with another', () => {
    // FNV-1a 32 of the UTF-8 bytes, then murmur3's finaliser; pinned (values from an independent Python
    // implementation), since a change would move pairs between shards.
    expect(hash32('')).toBe(2872998923);
    expect(hash32('gt/case_001.png')).toBe(508393316);
    expect(hash32('labelsTr/BraTS_0001.nii.gz')).toBe(999049160);
    expect(hash32('gt/é.png')).not.toBe(hash32('gt/e.png'));
    expect([1, 2, 3, 4, 7].map((n) => shardOf({ gt: 'gt/case_001.png' }, n))).toEqual([1, 1, 3, 1, 5]);
  });

  it('puts every pair in exactly one of N shards, about N-th each', () => {
    const jobs = Array.from({ length: 10000 }, (_, i) => job(`gt/${String(i).padStart(5, '0')}.png`));
    for (const n of [1, 2, 3, 7, 16]) {
      const sizes = new Array(n).fill(0);
      for (const j of jobs) sizes[shardOf(j, n) - 1]++;
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(jobs.length);
      for (const j of jobs.slice(0, 50)) expect(Array.from({ length: n }, (_, i) => inShard(j, { index: i + 1, count: n })).filter(Boolean)).toHaveLength(1);
      for (const s of sizes) expect(Math.abs(s - 10000 / n)).toBeLessThan(0.08 * (10000 / n) + 10);
    }
  });

  it('ignores the root, the model and the prediction: a moved root or a new model keeps the shard', () => {
    const a = job('gt/x.png');
    expect(shardOf(job('gt/x.png', { root: '/mnt/other', model: 'unet', pred: 'pred_unet/x.npy' }), 5)).toBe(shardOf(a, 5));
  });
});

describe('canonical order of pairs', () => {
  it('sorts by root, dataset, model, ground truth, prediction in code-unit order', () => {
    const pairs = [
      job('gt/b.png', { root: 'b' }),
      job('gt/a.png', { root: 'b' }),
      job('gt/a.png', { root: 'b', model: 'm2' }),
      job('gt/a.png', { root: 'b', model: 'm1' }),
      job('gt/Z.png', { root: 'a', dataset: 'ds' }),
      job('gt/a-1.png', { root: 'a' }),
      job('gt/a.png', { root: 'a' }),
    ];
    expect([...pairs].sort(comparePairs).map((p) => `${p.root}|${p.dataset}|${p.model}|${p.gt}`)).toEqual([
      'a|||gt/a-1.png',
      'a|||gt/a.png',
      'a|ds||gt/Z.png',
      'b|||gt/a.png',
      'b|||gt/b.png',
      'b||m1|gt/a.png',
      'b||m2|gt/a.png',
    ]);
    expect(pairKey(pairs[0])).toBe(pairKey({ ...pairs[0] }));
    expect(pairKey(pairs[2])).not.toBe(pairKey(pairs[3]));
  });
});
