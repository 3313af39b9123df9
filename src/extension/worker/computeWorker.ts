/**
 * The extension's compute worker (`dist/worker.js`): decodes and computes pairs off the extension
 * host's thread. Bytes arrive from the host (read through `vscode.workspace.fs`, so remote
 * workspaces work); the worker never touches the file system.
 */
import { deflateSync } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import { DEFAULT_MAX_PIXELS, loadGroundTruth, loadPrediction, makePairInput } from '../../core/io/index';
import { computePairJob, toProblem, type JobSettings, type PairJob } from '../../core/report/pairJob';
import { nodeDecoders } from '../../node/inflate';
import type { Thumbnail, WorkerRequest, WorkerResponse } from './protocol';
import { encodeRgbPng, errorOverlay } from './thumbnail';
import { busiestSlice, sliceOf } from './volumeSlice';

function thumbnail(job: PairJob, gtBytes: Uint8Array, predBytes: Uint8Array, s: JobSettings, maxSize: number): Thumbnail {
  const decode = { maxPixels: s.maxPixels ?? DEFAULT_MAX_PIXELS, ...nodeDecoders };
  const gt = loadGroundTruth(gtBytes, job.gt, { ...decode, ignoreIndex: s.ignoreIndex, palette: s.palette });
  const pred = loadPrediction(predBytes, job.pred, { ...decode, palette: s.palette, width: gt.width, height: gt.height, depth: gt.depth, axisOrder: s.axisOrder, gtName: job.gt, activation: s.activation });
  const input = makePairInput(gt, pred, { ignoreIndex: s.ignoreIndex });
  const threshold = s.engine.threshold ?? 0.5;
  if (input.depth !== undefined) {
    // A volume shows its busiest slice; the counts are the whole volume's (its slices stacked as one image).
    const o = errorOverlay(sliceOf(input, busiestSlice(input, threshold)), threshold, maxSize);
    const { counts } = errorOverlay({ ...input, height: input.height * input.depth }, threshold, 1);
    const png = encodeRgbPng(o.rgb, o.width, o.height, (raw) => deflateSync(raw, { level: 9 }));
    return { png, width: o.width, height: o.height, sourceWidth: input.width, sourceHeight: input.height, counts };
  }
  const o = errorOverlay(input, threshold, maxSize);
  const png = encodeRgbPng(o.rgb, o.width, o.height, (raw) => deflateSync(raw, { level: 9 }));
  return { png, width: o.width, height: o.height, sourceWidth: input.width, sourceHeight: input.height, counts: o.counts };
}

function handle(req: WorkerRequest): WorkerResponse {
  try {
    if (req.kind === 'compute') return { id: req.id, kind: 'compute', report: computePairJob(req.job, req.gt, req.pred, req.settings, nodeDecoders) };
    return { id: req.id, kind: 'thumbnail', thumbnail: thumbnail(req.job, req.gt, req.pred, req.settings, req.maxSize) };
  } catch (e) {
    return { id: req.id, kind: 'error', message: toProblem(e).message };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  const res = handle(req);
  parentPort?.postMessage(res, res.kind === 'thumbnail' ? [res.thumbnail.png.buffer as ArrayBuffer] : []);
});
