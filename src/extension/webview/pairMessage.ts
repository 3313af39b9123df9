/**
 * Builds the `load` payload of a pair from the bytes of its two files, with the core's decoders.
 * No `vscode` here, so the browser tests build exactly what the host sends.
 */
import { DEFAULT_MAX_PIXELS, loadGroundTruth, loadPrediction, makePairInput, maskError } from '../../core/io/index';
import type { Activation } from '../../core/io/activation';
import type { LabelMap } from '../../core/classes/labelMap';
import type { GroundTruth } from '../../core/io/groundTruth';
import type { PairPayload, VolumePayload } from '../../shared/protocol';
import { volumePayload } from './volumeMessage';
import { nodeInflate } from '../../node/inflate';

export interface PairFiles {
  gtBytes: Uint8Array;
  gtName: string;
  predBytes: Uint8Array;
  predName: string;
}

export interface PairPayloadOptions {
  key: string;
  ignoreIndex?: number;
  classNames?: readonly string[];
  maxPixels?: number;
  /** The panel's title (file and model). */
  title?: string;
  /** What float predictions outside [0, 1] get; `none` (refuse) when absent. */
  activation?: Activation;
  /** Ground-truth raw id → train id; ids not trained on become the ignore index (255 unless set). */
  labelMap?: LabelMap;
}

/** A standalone copy of a view's bytes: Node Buffers share a pooled ArrayBuffer. */
function ownBuffer(a: ArrayBufferView): ArrayBuffer {
  return a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;
}

/** Decodes both files (throws the core's one-line `MaskError` on a bad file) into a payload. */
export function pairPayload(files: PairFiles, opts: PairPayloadOptions): PairPayload {
  const decode = { maxPixels: opts.maxPixels ?? DEFAULT_MAX_PIXELS, inflate: nodeInflate };
  const ignoreIndex = opts.ignoreIndex ?? (opts.labelMap ? 255 : undefined);
  const gt = loadGroundTruth(files.gtBytes, files.gtName, { ...decode, ignoreIndex, labelMap: opts.labelMap });
  if (gt.depth !== undefined) {
    throw maskError('unsupported-format', files.gtName, `a ${gt.width}x${gt.height}x${gt.depth} volume: the comparison panel shows images only; the volume's numbers are in the Mask Pairs tree, its tooltip and the Loss Report`);
  }
  return imagePayload(gt, files, opts);
}

/** What the panel shows: an image pair, or a volume pair for the slice viewer (`threshold` makes its hard prediction). */
export type PanelPayload = { kind: 'image'; pair: PairPayload } | { kind: 'volume'; volume: VolumePayload };

export function panelPayload(files: PairFiles, opts: PairPayloadOptions, threshold: number): PanelPayload {
  const decode = { maxPixels: opts.maxPixels ?? DEFAULT_MAX_PIXELS, inflate: nodeInflate };
  const ignoreIndex = opts.ignoreIndex ?? (opts.labelMap ? 255 : undefined);
  const gt = loadGroundTruth(files.gtBytes, files.gtName, { ...decode, ignoreIndex, labelMap: opts.labelMap });
  if (gt.depth === undefined) return { kind: 'image', pair: imagePayload(gt, files, opts) };
  return { kind: 'volume', volume: volumePayload(gt, files, { ...opts, ...decode }, threshold) };
}

function imagePayload(gt: GroundTruth, files: PairFiles, opts: PairPayloadOptions): PairPayload {
  const decode = { maxPixels: opts.maxPixels ?? DEFAULT_MAX_PIXELS, inflate: nodeInflate };
  const pred = loadPrediction(files.predBytes, files.predName, { ...decode, width: gt.width, height: gt.height, activation: opts.activation });
  const pair = makePairInput(gt, pred);
  const classNames = Array.from({ length: pair.classes }, (_, c) => opts.classNames?.[c] ?? (pair.mode === 'binary' ? ['background', 'foreground'][c] : `class ${c}`));
  const payload: PairPayload = {
    key: opts.key,
    gtName: files.gtName,
    predName: files.predName,
    width: pair.width,
    height: pair.height,
    mode: pair.mode,
    classes: pair.classes,
    classNames,
    labelType: pair.labels instanceof Uint16Array ? 'uint16' : 'uint8',
    labels: ownBuffer(pair.labels),
    prob: ownBuffer(Float32Array.from(pair.prob)),
    warnings: pair.warnings,
  };
  if (pair.ignoreIndex !== undefined) payload.ignoreIndex = pair.ignoreIndex;
  if (opts.title !== undefined) payload.title = opts.title;
  // Swapped, the prediction would be read as labels: only a hard prediction (a label map) holds labels.
  if (!pred.hard) payload.swapBlocked = `Swap needs two label maps: ${files.predName} holds probabilities, which cannot be read as ground truth`;
  // A one-channel grey prediction keeps its integer codes: the CPU engine is then exact (histogram path).
  if (pair.probCodes) {
    const v = pair.probCodes.values;
    payload.probCodes = { valueType: v instanceof Uint16Array ? 'uint16' : 'uint8', values: ownBuffer(v), levels: pair.probCodes.levels };
  }
  return payload;
}
