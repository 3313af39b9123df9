import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_CLASSES, maxMaskFileBytes } from '../core/io/budget';
import { DEFAULT_MAX_PIXELS } from '../core/io/index';
import { computePairJob, failedPair, toProblem, type JobSettings, type PairJob } from '../core/report/pairJob';
import type { PairReport } from '../core/report/schema';
import { nodeDecoders } from '../node/inflate';
import { readRegularFile } from '../node/regularFile';

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

export interface WorkerRequest {
  index: number;
  job: PairJob;
}

/**
 * Computes jobs in order of delivery with `jobs` workers (or on this thread for 1), yielding results in
 * input order. At most a few jobs per worker are in flight, so memory does not grow with the run.
 * Once `stop` is aborted no further pair is started or yielded, and the workers are ended.
 */
export async function* computeAll(
  jobs: Iterable<PairJob>,
  settings: JobSettings,
  parallel: number,
  workerScript: string,
  stop?: AbortSignal,
): AsyncGenerator<PairReport> {
  if (parallel <= 1) {
    for (const job of jobs) {
      if (stop?.aborted) return;
      yield runJob(job, settings);
      // Let stdout drain and signals through between pairs.
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const iterator = jobs[Symbol.iterator]();
  const done = new Map<number, PairReport>();
  let next = 0;
  let sent = 0;
  let finished = false;
  let wake: (() => void) | null = null;
  const idle: Worker[] = [];
  const jobsOf = new Map<Worker, WorkerRequest>();
  const inFlightLimit = parallel * 4;
  const live = new Set<Worker>();

  const dispatch = (w: Worker) => {
    if (finished || stop?.aborted || sent - next >= inFlightLimit) {
      idle.push(w);
      return;
    }
    const it = iterator.next();
    if (it.done) {
      finished = true;
      idle.push(w);
      return;
    }
    const req = { index: sent++, job: it.value };
    jobsOf.set(w, req);
    w.postMessage(req);
  };
  // A worker that dies (out of memory, a crash) fails only its own pair; a new one takes its place.
  const lost = (w: Worker, why: string) => {
    if (!live.delete(w)) return;
    if (idle.includes(w)) idle.splice(idle.indexOf(w), 1);
    const req = jobsOf.get(w);
    jobsOf.delete(w);
    if (req) {
      const code = /out of memory|memory limit/i.test(why) ? 'out-of-memory' : 'internal';
      done.set(req.index, failedPair(req.job, { code, message: `${req.job.gt} with ${req.job.pred}: ${why}` }));
    }
    if (!finished || jobsOf.size > 0) start();
    wake?.();
  };
  const start = () => {
    const w = new Worker(workerScript, { workerData: { settings } });
    live.add(w);
    w.on('message', (r: { index: number; report: PairReport }) => {
      done.set(r.index, r.report);
      jobsOf.delete(w);
      dispatch(w);
      wake?.();
    });
    w.on('error', (e) => lost(w, e.message));
    w.on('exit', (code) => lost(w, `worker stopped (exit code ${code})`));
    dispatch(w);
  };
  for (let k = 0; k < parallel; k++) start();
  const onStop = () => wake?.();
  stop?.addEventListener('abort', onStop);
  try {
    while ((!finished || next < sent) && !stop?.aborted) {
      const r = done.get(next);
      if (r) {
        done.delete(next++);
        // Room freed: idle workers take more.
        for (const w of idle.splice(0)) dispatch(w);
        yield r;
        continue;
      }
      await new Promise<void>((res) => (wake = res));
      wake = null;
    }
  } finally {
    stop?.removeEventListener('abort', onStop);
    const workers = [...live];
    live.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
