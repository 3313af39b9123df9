/**
 * Builds the `load` payload of a pair from the bytes of its two files, with the core's decoders.
 * No `vscode` here, so the browser tests build exactly what the host sends.
 */
import { maskError } from '../../core/io/index';
import { decodePair, type DecodedPair, type PairReadSettings } from '../../core/io/decodePair';
import type { InstanceEncoding } from '../../core/objects/instances';
import type { PairPayload, VolumePayload } from '../../shared/protocol';
import { volumePayload } from './volumeMessage';
import { nodeDecoders } from '../../node/inflate';

export interface PairFiles {
  gtBytes: Uint8Array;
  gtName: string;
  predBytes: Uint8Array;
  predName: string;
}

/** How the files are read (ignore index, pixel limit, activation, label map: as for the tree and the CLI), and shown. */
export interface PairPayloadOptions extends Pick<PairReadSettings, 'ignoreIndex' | 'maxPixels' | 'activation' | 'labelMap'> {
  key: string;
  classNames?: readonly string[];
  /** The panel's title (file and model). */
  title?: string;
  /** Read both files as instance-id maps (`maskInspector.objects.instances`). */
  instances?: InstanceEncoding;
}

/** A standalone copy of a view's bytes: Node Buffers share a pooled ArrayBuffer. */
function ownBuffer(a: ArrayBufferView): ArrayBuffer {
  return a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;
}

/** Both files through the core's one decoding path (throws its one-line `MaskError` on a bad file). */
function decode(files: PairFiles, opts: PairPayloadOptions): DecodedPair {
  const { ignoreIndex, maxPixels, activation, labelMap } = opts;
  return decodePair({ gt: files.gtName, pred: files.predName }, files.gtBytes, files.predBytes, { ignoreIndex, maxPixels, activation, labelMap }, nodeDecoders, opts.instances);
}

/** An image pair's payload; a volume is refused (the slice viewer takes it through `panelPayload`). */
export function pairPayload(files: PairFiles, opts: PairPayloadOptions): PairPayload {
  const d = decode(files, opts);
  if (d.gt.depth !== undefined) {
    throw maskError('unsupported-format', files.gtName, `a ${d.gt.width}x${d.gt.height}x${d.gt.depth} volume: the comparison panel shows images only; the volume's numbers are in the Mask Pairs tree, its tooltip and the Loss Report`);
  }
  return imagePayload(d, files, opts);
}

/** What the panel shows: an image pair, or a volume pair for the slice viewer (`threshold` makes its hard prediction). */
export type PanelPayload = { kind: 'image'; pair: PairPayload } | { kind: 'volume'; volume: VolumePayload };

export function panelPayload(files: PairFiles, opts: PairPayloadOptions, threshold: number): PanelPayload {
  const d = decode(files, opts);
  if (d.gt.depth === undefined) return { kind: 'image', pair: imagePayload(d, files, opts) };
  return { kind: 'volume', volume: volumePayload(d, files, opts, threshold) };
}

function imagePayload({ pred, input: pair, ids }: DecodedPair, files: PairFiles, opts: PairPayloadOptions): PairPayload {
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
  // The panel's objects are then the instances, as the tree's and the CLI's are.
  if (ids) payload.instanceIds = { gt: ownBuffer(ids.gt), pred: ownBuffer(ids.pred) };
  // Swapped, the prediction would be read as labels: only a hard prediction (a label map) holds labels.
  if (!pred.hard) payload.swapBlocked = `Swap needs two label maps: ${files.predName} holds probabilities, which cannot be read as ground truth`;
  // A one-channel grey prediction keeps its integer codes: the CPU engine is then exact (histogram path).
  if (pair.probCodes) {
    const v = pair.probCodes.values;
    payload.probCodes = { valueType: v instanceof Uint16Array ? 'uint16' : 'uint8', values: ownBuffer(v), levels: pair.probCodes.levels };
  }
  return payload;
}
