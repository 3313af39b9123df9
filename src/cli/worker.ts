import { parentPort } from 'node:worker_threads';
import type { JobSettings } from '../core/report/pairJob';
import { runJob, type WorkerMessage, type WorkerReply } from './pool';

/**
 * Worker side of `--jobs N`: the same bundle, started before the run's settings are known (it boots
 * while the pairs are found); they come as its first message, then a reply for each job.
 */
export function serveWorker(): void {
  let settings: JobSettings | undefined;
  parentPort?.on('message', (m: WorkerMessage) => {
    if ('settings' in m) {
      settings = m.settings;
      return;
    }
    if (!settings) throw new Error('a job came before the settings');
    const reply: WorkerReply = { report: runJob(m.job, settings) };
    parentPort?.postMessage(reply);
  });
}
