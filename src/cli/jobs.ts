import { comparePairs } from '../core/report/order';
import type { PairJob } from '../core/report/pairJob';
import type { Unpaired } from '../core/report/schema';
import { inShard } from '../core/report/shard';
import type { ReportArgs } from './args';
import { discover } from './discover';
import { readPairingFile } from './files';
import { readManifest } from './manifest';
import { resolveShard, type ResolvedShard } from './shard';

/** The pairs a `report` run computes, and what it tells about the rest. */
export interface RunJobs {
  /** This run's pairs (this shard's, when sharded), in the canonical order. */
  jobs: PairJob[];
  /** Pairs of the whole run, before sharding (what settings found from the data must be the same for). */
  all: PairJob[];
  unpaired: Unpaired[];
  /** Folders that could not be searched, bad manifest lines: each makes the exit code 1. */
  problems: string[];
  shard?: ResolvedShard;
}

/**
 * Finds the run's pairs — scanned from DIRs and --gt/--pred, or read from a `--pairs` manifest — and
 * keeps those of this process's shard, saying on stderr which shard it is and how many pairs it holds.
 */
export function collectJobs(a: ReportArgs, env: NodeJS.ProcessEnv, log: (line: string) => void): RunJobs {
  const shard = resolveShard(a, env);
  let all: PairJob[];
  let unpaired: Unpaired[] = [];
  let problems: string[];
  if (a.pairsFile !== undefined) {
    ({ jobs: all, problems } = readManifest(a.pairsFile));
  } else {
    const found = discover(a.dirs, a.pairing ? readPairingFile(a.pairing) : undefined);
    ({ jobs: all, unpaired, problems } = found);
    if (a.gt !== undefined && a.pred !== undefined) all.push({ root: '', gt: a.gt, pred: a.pred, dataset: '', model: '' });
  }
  problems.forEach((p) => log(p));
  all.sort(comparePairs);
  const jobs = shard ? all.filter((j) => inShard(j, shard)) : all;
  if (shard) log(`shard ${shard.index}/${shard.count} (${shard.source}): ${jobs.length} of ${all.length} pairs`);
  return { jobs, all, unpaired, problems, shard };
}
