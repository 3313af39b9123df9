import { parentPort, workerData } from 'node:worker_threads';
import type { JobSettings } from '../core/report/pairJob';
import { runJob, type WorkerReply, type WorkerRequest } from './pool';

/** Worker side of `--jobs N`: the same bundle, started with `workerData`. */
export function serveWorker(): void {
  const { settings } = workerData as { settings: JobSettings };
  parentPort?.on('message', (req: WorkerRequest) => {
    const reply: WorkerReply = { report: runJob(req.job, settings) };
    parentPort?.postMessage(reply);
  });
}
