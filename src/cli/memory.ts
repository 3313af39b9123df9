import { availableParallelism, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { estimatePairBytes, formatBytes, peekMaskShape } from '../core/io/budget';
import type { PairJob } from '../core/report/pairJob';
import { peekRegularFile } from '../node/regularFile';

const MIB = 1 << 20;

/** Memory a run may use by default: three quarters of RAM, no more than is free now, at least 256 MiB. */
export function defaultMemoryBytes(): number {
  return Math.max(256 * MIB, Math.min(totalmem() * 0.75, freemem()));
}

/** Pairs whose headers are read to size the default number of jobs. */
const SAMPLED = 8;

/** The largest header estimate of the first few pairs; undefined when none can be read. */
function sampledPairBytes(jobs: readonly PairJob[], maxClasses: number): number | undefined {
  let most: number | undefined;
  for (const job of jobs.slice(0, SAMPLED)) {
    const gt = peekRegularFile(join(job.root, job.gt));
    const pred = peekRegularFile(join(job.root, job.pred));
    const gtShape = gt && peekMaskShape(gt.head, job.gt);
    const predShape = pred && peekMaskShape(pred.head, job.pred);
    if (!gt || !pred || !gtShape || !predShape) continue;
    const need = estimatePairBytes(gtShape, predShape, gt.size + pred.size, maxClasses);
    most = Math.max(most ?? 0, need);
  }
  return most;
}

/**
 * Default parallelism: one pair per CPU, but no more pairs at once than fit in `memory` by the largest
 * estimate of the first few pairs (each then gets `memory / jobs` as its budget).
 */
export function defaultJobs(jobs: readonly PairJob[], memory: number, maxClasses: number, log: (line: string) => void): number {
  const cpus = Math.min(availableParallelism(), jobs.length);
  const perPair = sampledPairBytes(jobs, maxClasses);
  const n = Math.max(1, Math.min(cpus, perPair === undefined ? cpus : Math.floor(memory / perPair)));
  if (perPair !== undefined && n < cpus) {
    log(`${n} pair${n > 1 ? 's' : ''} at a time, not ${cpus}: a pair needs about ${formatBytes(perPair)} of the ${formatBytes(memory)} this run may use (--max-memory, --jobs)`);
  }
  return n;
}
