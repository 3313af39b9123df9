import { compare } from '../pairing/paths';
import type { PairJob } from './pairJob';

/** The fields that name a pair: a job, or the report computed from it. */
export type PairName = Pick<PairJob, 'root' | 'dataset' | 'model' | 'gt' | 'pred'>;

/**
 * The canonical order of pairs in every report: by root, dataset, model, ground truth, prediction, in
 * code-unit order. An unsharded run, each shard and a merge of shards all write pairs in this order, so
 * merging is a streaming merge of sorted parts and gives the unsharded run's report.
 */
export function comparePairs(a: PairName, b: PairName): number {
  return compare(a.root, b.root) || compare(a.dataset, b.dataset) || compare(a.model, b.model) || compare(a.gt, b.gt) || compare(a.pred, b.pred);
}

/** A pair's identity as one string (for sets and maps). */
export const pairKey = (p: PairName): string => JSON.stringify([p.root, p.dataset, p.model, p.gt, p.pred]);

/** How a pair is named to a person in a message. */
export const pairLabel = (p: PairName): string => `${p.root ? `${p.root}: ` : ''}${p.gt} with ${p.pred}${p.model ? ` (${p.model})` : ''}`;
