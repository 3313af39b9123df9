/**
 * The extension's compute worker (`dist/worker.js`): decodes and computes pairs off the extension
 * host's thread. Bytes arrive from the host (read through `vscode.workspace.fs`, so remote
 * workspaces work); the worker never touches the file system.
 */
import { deflateSync } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import { computePairJob, toProblem } from '../../core/report/pairJob';
import { nodeDecoders } from '../../node/inflate';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { pairThumbnail } from './thumbnail';

const deflate = (raw: Uint8Array): Uint8Array => deflateSync(raw, { level: 9 });

function handle(req: WorkerRequest): WorkerResponse {
  try {
    if (req.kind === 'compute') return { id: req.id, kind: 'compute', report: computePairJob(req.job, req.gt, req.pred, req.settings, nodeDecoders) };
    return { id: req.id, kind: 'thumbnail', thumbnail: pairThumbnail(req.job, req.gt, req.pred, req.settings, req.maxSize, { ...nodeDecoders, deflate }) };
  } catch (e) {
    return { id: req.id, kind: 'error', message: toProblem(e).message };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  const res = handle(req);
  parentPort?.postMessage(res, res.kind === 'thumbnail' ? [res.thumbnail.png.buffer as ArrayBuffer] : []);
});
