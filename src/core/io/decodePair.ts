/**
 * A pair's two files, from bytes to the engine's input: the one path the CLI, the extension's compute
 * worker (numbers and thumbnails) and the comparison panel all take, so a file reads, and fails, the
 * same everywhere. Images and volumes alike; the platform supplies its inflate.
 */
import type { LabelMap } from '../classes/labelMap';
import { loadInstancePair, type InstanceEncoding } from '../objects/instances';
import type { Activation } from './activation';
import { checkPairBudget, DEFAULT_MAX_CLASSES } from './budget';
import { DEFAULT_MAX_PIXELS, type DecodeOptions } from './errors';
import type { GroundTruth } from './groundTruth';
import type { PaletteEntry } from './colours';
import { loadGroundTruth, loadPrediction } from './load';
import { makePairInput, type LoadedPair } from './pairInput';
import type { Prediction } from './prediction';
import type { AxisOrder } from './volume/loadVolume';

/** The settings that decide how a pair's files are read. */
export interface PairReadSettings {
  /** Order of an .npy/.npz volume prediction's axes when its shape fits both (X = Z). */
  axisOrder?: AxisOrder;
  ignoreIndex?: number;
  palette?: readonly PaletteEntry[];
  maxPixels?: number;
  /** Classes (largest label + 1) a mask may have; DEFAULT_MAX_CLASSES when absent. */
  maxClasses?: number;
  /** Bytes one pair may take, estimated from the headers before decoding; unbounded when absent. */
  memoryBudget?: number;
  /** Float predictions: sigmoid/softmax first; `none` (the default) refuses values outside [0, 1]. */
  activation?: Activation;
  /** Ground-truth raw ids → train ids; ids not trained on become the ignore index (255 when none is set). */
  labelMap?: LabelMap;
}

export interface PairNames {
  gt: string;
  pred: string;
}

export interface DecodedPair {
  gt: GroundTruth;
  pred: Prediction;
  /** Both checked against each other: sizes, classes, mode. */
  input: LoadedPair;
  /** Instance ids of both sides when read as instance maps. */
  ids?: { gt: Uint16Array; pred: Uint16Array };
}

/** The platform's decompressors (node:zlib in Node). */
export type Inflaters = Pick<DecodeOptions, 'inflate' | 'inflateRaw'>;

/** The decoder limits of a pair's settings, defaults filled in. */
export function decodeLimits(s: Pick<PairReadSettings, 'maxPixels' | 'maxClasses'>, platform: Inflaters = {}): DecodeOptions & { maxPixels: number; maxClasses: number } {
  return { maxPixels: s.maxPixels ?? DEFAULT_MAX_PIXELS, maxClasses: s.maxClasses ?? DEFAULT_MAX_CLASSES, ...platform };
}

/**
 * Decodes and validates both files: the memory budget from their headers first, then the ground truth,
 * then the prediction against it (its size, depth and axis order). Throws the core's one-line
 * `MaskError` naming the bad file. `instances` reads both as instance-id maps instead.
 */
export function decodePair(
  names: PairNames,
  gtBytes: Uint8Array,
  predBytes: Uint8Array,
  s: PairReadSettings,
  platform: Inflaters = {},
  instances?: InstanceEncoding,
): DecodedPair {
  const decode = decodeLimits(s, platform);
  if (s.memoryBudget !== undefined) checkPairBudget(names.gt, gtBytes, names.pred, predBytes, { ...decode, budget: s.memoryBudget });
  const { ignoreIndex, labelMap } = s;
  if (instances) {
    const inst = loadInstancePair(gtBytes, names.gt, predBytes, names.pred, instances, { ...decode, ignoreIndex, labelMap });
    return { gt: inst.gt, pred: inst.pred, input: makePairInput(inst.gt, inst.pred), ids: inst.ids };
  }
  const gt = loadGroundTruth(gtBytes, names.gt, { ...decode, ignoreIndex, palette: s.palette, labelMap });
  const pred = loadPrediction(predBytes, names.pred, {
    ...decode, palette: s.palette, width: gt.width, height: gt.height, depth: gt.depth, axisOrder: s.axisOrder, gtName: names.gt, activation: s.activation,
  });
  return { gt, pred, input: makePairInput(gt, pred) };
}
