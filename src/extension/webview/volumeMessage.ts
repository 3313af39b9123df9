/**
 * Builds the slice viewer's `loadVolume` payload from a decoded volume ground truth and the prediction's
 * bytes, with the core's decoders. The hard prediction is made here, as the engine makes it (p > threshold,
 * or argmax), so the webview draws and counts exactly what the numbers are computed from.
 */
import { loadPrediction, makePairInput } from '../../core/io/index';
import type { DecodeOptions } from '../../core/io/errors';
import type { GroundTruth } from '../../core/io/groundTruth';
import { argmaxAt } from '../../core/argmax';
import type { VolumePayload } from '../../shared/protocol';
import type { PairFiles, PairPayloadOptions } from './pairMessage';

const ownBuffer = (a: ArrayBufferView): ArrayBuffer => a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;

export function volumePayload(gt: GroundTruth, files: PairFiles, opts: PairPayloadOptions & DecodeOptions, threshold: number): VolumePayload {
  const depth = gt.depth ?? 1;
  const pred = loadPrediction(files.predBytes, files.predName, { ...opts, width: gt.width, height: gt.height, depth, gtName: files.gtName, activation: opts.activation });
  const pair = makePairInput(gt, pred);
  const n = pair.width * pair.height * depth;
  // Both label arrays share one type: 16 bits when either needs it.
  const wide = pair.labels instanceof Uint16Array || pair.classes > 256;
  const labels = wide && !(pair.labels instanceof Uint16Array) ? Uint16Array.from(pair.labels) : pair.labels;
  const predicted = wide ? new Uint16Array(n) : new Uint8Array(n);
  if (pair.mode === 'binary') for (let i = 0; i < n; i++) predicted[i] = pair.prob[i]! > threshold ? 1 : 0;
  else for (let i = 0; i < n; i++) predicted[i] = argmaxAt(pair.prob, pair.classes, n, i);
  const classNames = Array.from({ length: pair.classes }, (_, c) => opts.classNames?.[c] ?? (pair.mode === 'binary' ? ['background', 'foreground'][c]! : `class ${c}`));
  const payload: VolumePayload = {
    key: opts.key,
    gtName: files.gtName,
    predName: files.predName,
    width: pair.width,
    height: pair.height,
    depth,
    spacing: pair.spacing ?? [1, 1, 1],
    mode: pair.mode,
    classes: pair.classes,
    classNames,
    labelType: wide ? 'uint16' : 'uint8',
    labels: ownBuffer(labels),
    predicted: ownBuffer(predicted),
    warnings: pair.warnings,
  };
  // Binary probabilities are worth showing on hover; a label map's values are the predicted classes.
  if (pair.mode === 'binary' && !pred.hard) payload.prob = ownBuffer(Float32Array.from(pair.prob.subarray(0, n)));
  if (pair.ignoreIndex !== undefined) payload.ignoreIndex = pair.ignoreIndex;
  if (opts.title !== undefined) payload.title = opts.title;
  return payload;
}
