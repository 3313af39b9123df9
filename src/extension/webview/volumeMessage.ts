/**
 * Builds the slice viewer's `loadVolume` payload from a decoded volume pair (the core's `decodePair`).
 * The hard prediction is made here, as the engine makes it (p > threshold,
 * or argmax), so the webview draws and counts exactly what the numbers are computed from.
 */
import type { DecodedPair } from '../../core/io/decodePair';
import { argmaxAt } from '../../core/argmax';
import type { VolumePayload } from '../../shared/protocol';
import type { PairFiles, PairPayloadOptions } from './pairMessage';

/**
 * Voxels × classes up to which the slice viewer computes on its own (about 16 bytes each for the
 * probabilities, masks and two distance fields it keeps: 0.7 GB at the limit). Beyond, it shows the
 * host's numbers without heat maps, signed distance or witnesses.
 */
export const VIEWER_ENGINE_LIMIT = 48_000_000;

/**
 * Whether the compute worker must compute a volume's whole-volume numbers for the viewer: only when the
 * viewer has no engine of its own (no probabilities sent, the volume being too large); else the viewer's
 * engine computes the same numbers and the worker would do the work twice.
 */
export const hostComputesVolume = (v: VolumePayload): boolean => v.prob === undefined;

const ownBuffer = (a: ArrayBufferView): ArrayBuffer => a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;

export function volumePayload({ pred, input: pair, ids }: DecodedPair, files: PairFiles, opts: PairPayloadOptions, threshold: number, engineLimit = VIEWER_ENGINE_LIMIT): VolumePayload {
  const depth = pair.depth ?? 1;
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
  // The viewer's own engine (fields, heat maps, witnesses, parameter changes) needs the probabilities.
  const channels = pair.mode === 'binary' ? 1 : pair.classes;
  if (channels * n <= engineLimit) payload.prob = ownBuffer(Float32Array.from(pair.prob.subarray(0, channels * n)));
  if (pair.world) payload.world = pair.world;
  if (pred.hard) payload.predictedLabels = true;
  if (pair.ignoreIndex !== undefined) payload.ignoreIndex = pair.ignoreIndex;
  if (opts.title !== undefined) payload.title = opts.title;
  if (ids) payload.instanceIds = { gt: ownBuffer(ids.gt), pred: ownBuffer(ids.pred) };
  return payload;
}
