import { join } from 'node:path';
import { DEFAULT_MAX_CLASSES, maxMaskFileBytes } from '../core/io/budget';
import { DEFAULT_MAX_PIXELS } from '../core/io/index';
import { computePairJob, failedPair, toProblem, type JobSettings, type PairJob } from '../core/report/pairJob';
import type { PairReport } from '../core/report/schema';
import { nodeDecoders } from '../node/inflate';
import { readRegularFile } from '../node/regularFile';
import { WorkerLost, WorkerPool } from '../node/workerPool';

/**
 * Reads the two files of a job (from this thread) and computes it. Only regular files no larger than a
 * mask within the limits can be are read: a FIFO or a link to /dev/zero fails its pair, nothing more.
 */
export function runJob(job: PairJob, settings: JobSettings): PairReport {
  const limit = Math.min(
    maxMaskFileBytes(settings.maxPixels ?? DEFAULT_MAX_PIXELS, settings.maxClasses ?? DEFAULT_MAX_CLASSES),
    settings.memoryBudget ?? Infinity,
  );
  let gt: Uint8Array;
  let pred: Uint8Array;
  try {
    gt = readRegularFile(join(job.root, job.gt), limit, job.gt);
    pred = readRegularFile(join(job.root, job.pred), limit, job.pred);
  } catch (e) {
    return failedPair(job, toProblem(e, job));
  }
  return computePairJob(job, gt, pred, settings, nodeDecoders);
}

/** What the CLI's worker (`serveWorker`) is sent: the run's settings once, then jobs, each replied to. */
export type WorkerMessage = { settings: JobSettings } | WorkerRequest;
export interface WorkerRequest {
  job: PairJob;
}
export interface WorkerReply {
  report: PairReport;
}

/** The workers of a run; `configure` them with its settings before computing. */
export type RunWorkers = WorkerPool<WorkerRequest, WorkerReply>;

/**
 * Starts `parallel` workers now (none for 1: pairs are then computed on this thread), so they boot
 * while the caller finds the pairs and settles the settings. The caller closes them.
 */
export function startWorkers(parallel: number, workerScript: string): RunWorkers | undefined {
  if (parallel <= 1) return undefined;
  // Two tasks a worker: its next pair is there when it replies (the cores are the workers').
  const pool: RunWorkers = new WorkerPool(workerScript, { size: parallel, depth: 2 });
  pool.prestart();
  return pool;
}

/** A pair's report, or its failure when its worker died (out of memory, a crash), named by its files. */
function settle(job: PairJob, r: WorkerReply | Error): PairReport {
  if (!(r instanceof Error)) return r.report;
  const code = r instanceof WorkerLost && /out of memory|memory limit/i.test(r.message) ? 'out-of-memory' : 'internal';
  return failedPair(job, { code, message: `${job.gt} with ${job.pred}: ${r.message}` });
}

/**
 * Computes jobs with the workers (configured with `settings` here), or on this thread without them,
 * yielding results in input order. At most a few jobs per worker are taken ahead of the last yielded,
 * so memory does not grow with the run. A worker that dies fails only its own pair (the pool starts
 * another). Once `stop` is aborted no further pair is started or yielded.
 */
export async function* computeAll(jobs: Iterable<PairJob>, settings: JobSettings, workers: RunWorkers | undefined, stop?: AbortSignal): AsyncGenerator<PairReport> {
  if (!workers) {
    for (const job of jobs) {
      if (stop?.aborted) return;
      yield runJob(job, settings);
      // Let stdout drain and signals through between pairs.
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  workers.configure({ settings });
  yield* workers.inOrder(jobs, (job) => ({ job }), settle, workers.size * 4, stop);
}
