import type { PairName } from './order';

/** One of `count` shards of a run; `index` counts from 1 (like Jest's and Playwright's --shard K/N). */
export interface Shard {
  index: number;
  count: number;
}

const encoder = new TextEncoder();

/** FNV-1a over the UTF-8 bytes, then murmur3's finaliser so that the low bits are mixed too. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The shard (1…count) of a pair, from its ground truth's path relative to its root only: a re-scan, a
 * new model or a moved root never moves a pair, and every model of one ground truth lands together.
 */
export const shardOf = (pair: Pick<PairName, 'gt'>, count: number): number => (hash32(pair.gt) % count) + 1;

export const inShard = (pair: Pick<PairName, 'gt'>, shard: Shard): boolean => shardOf(pair, shard.count) === shard.index;
