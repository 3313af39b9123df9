/**
 * The extension's compute worker (`dist/worker.js`): decodes and computes pairs off the extension
 * host's thread. Bytes arrive from the host (read through `vscode.workspace.fs`, so remote
 * workspaces work); the worker never touches the file system.
 */
import { deflateSync } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import { DEFAULT_MAX_PIXELS, loadGroundTruth, loadPrediction, makePairInput } from '../../core/io/index';
import { computePairJob, toProblem, type JobSettings, type PairJob } from '../../core/report/pairJob';
import { nodeInflate } from '../../node/inflate';
import type { Thumbnail, WorkerRequest, WorkerResponse } from './protocol';
import { encodeRgbPng, errorOverlay } from './thumbnail';

function thumbnail(job: PairJob, gtBytes: Uint8Array, predBytes: Uint8Array, s: JobSettings, maxSize: number): Thumbnail {
  const decode = { maxPixels: s.maxPixels ?? DEFAULT_MAX_PIXELS, inflate: nodeInflate };
  const gt = loadGroundTruth(gtBytes, job.gt, { ...decode, ignoreIndex: s.ignoreIndex, palette: s.palette });
  const pred = loadPrediction(predBytes, job.pred, { ...decode, palette: s.palette, width: gt.width, height: gt.height });
  const input = makePairInput(gt, pred, { ignoreIndex: s.ignoreIndex });
  const o = errorOverlay(input, s.engine.threshold ?? 0.5, maxSize);
  const png = encodeRgbPng(o.rgb, o.width, o.height, (raw) => deflateSync(raw, { level: 9 }));
  return { png, width: o.width, height: o.height, sourceWidth: input.width, sourceHeight: input.height, counts: o.counts };
}

function handle(req: WorkerRequest): WorkerResponse {
  try {
    if (req.kind === 'compute') return { id: req.id, kind: 'compute', report: computePairJob(req.job, req.gt, req.pred, req.settings, { inflate: nodeInflate }) };
    return { id: req.id, kind: 'thumbnail', thumbnail: thumbnail(req.job, req.gt, req.pred, req.settings, req.maxSize) };
  } catch (e) {
    return { id: req.id, kind: 'error', message: toProblem(e).message };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  const res = handle(req);
  parentPort?.postMessage(res, res.kind === 'thumbnail' ? [res.thumbnail.png.buffer as ArrayBuffer] : []);
});
