import { alphaWarning, classesFromColours, colourImageError, firstChannel, isGreyAsRgb, type PaletteEntry } from './colours';
import { DEFAULT_MAX_CLASSES, tooManyClasses } from './budget';
import { applyActivation, type Activation } from './activation';
import { maskError } from './errors';
import type { RawArray } from './npy';
import type { RawImage } from './png';
import type { ProbCodes } from '../types';
import { scaledByKernel } from './decodeKernels';

export interface Prediction {
  name: string;
  width: number;
  height: number;
  /** Slices of a volume (absent for an image), and its voxel size from the file's header. */
  depth?: number;
  spacing?: [number, number, number];
  /** 1 = foreground probability; otherwise one channel per class. */
  channels: number;
  /** Channel-major [C,H,W]. */
  prob: Float32Array;
  /** Every value is 0 or 1. */
  hard: boolean;
  /** Built from a class-index map (one-hot), so absent classes may be padded with zero channels. */
  fromClassMap: boolean;
  /** For a grey image: prob[i] is exactly values[i] / levels. */
  codes?: ProbCodes;
  warnings: string[];
}

export interface PredictionOptions {
  /** Colour -> class, for a colour-coded prediction (read as a class map). */
  palette?: readonly PaletteEntry[];
  /** Size of the matching ground truth: settles which axis of a 3-D array holds the channels. */
  width?: number;
  height?: number;
  /** Float arrays: sigmoid or softmax first (`auto`: only when values leave [0, 1]); default `none`, which refuses logits. */
  activation?: Activation;
  /** Channels are independent binary problems (multi-label): `auto` means sigmoid, and they need not sum to 1. */
  multiLabel?: boolean;
  /** Refuse more classes (channels, or largest class index + 1) than this; default DEFAULT_MAX_CLASSES. */
  maxClasses?: number;
}

/** Above this many channels an axis is not taken for a class axis when guessing the layout. */
const MAX_GUESSED_CHANNELS = 64;
/** float32 softmax outputs can overshoot 1 by a few ulps; anything beyond this is not a probability. */
const PROB_TOLERANCE = 1e-4;

const binaryWarning = (name: string): string => `${name}: prediction is binary: distribution losses are dominated by the log clamp`;

function isHard(prob: Float32Array): boolean {
  for (let i = 0; i < prob.length; i++) if (prob[i] !== 0 && prob[i] !== 1) return false;
  return true;
}

function finish(name: string, width: number, height: number, channels: number, prob: Float32Array, fromClassMap: boolean, warnings: string[]): Prediction {
  const hard = isHard(prob);
  if (hard) warnings.push(binaryWarning(name));
  return { name, width, height, channels, prob, hard, fromClassMap, warnings };
}

/** One-hot [C,H,W] from a class-index map; C = max index + 1, at least 2, checked before it is allocated. */
function oneHot(name: string, width: number, height: number, classes: ArrayLike<number>, warnings: string[], maxClasses = DEFAULT_MAX_CLASSES): Prediction {
  const n = width * height;
  let max = 1;
  for (let i = 0; i < n; i++) if (classes[i]! > max) max = classes[i]!;
  if (max + 1 > maxClasses) tooManyClasses(name, max, maxClasses, 'prediction');
  const channels = max + 1;
  const prob = new Float32Array(channels * n);
  for (let i = 0; i < n; i++) prob[classes[i]! * n + i] = 1;
  return finish(name, width, height, channels, prob, true, warnings);
}

/** values / scale as float32 (a function of its own: a small loop the JIT optimises once). */
export function scaled(values: ArrayLike<number>, scale: number): Float32Array {
  const prob = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) prob[i] = values[i]! / scale;
  return prob;
}

/** Scales grey values to [0,1] by the full scale of the bit depth; an 8-bit map of only 0 and 1 is a hard mask. */
function fromGrey(name: string, raw: RawImage, warnings: string[]): Prediction {
  const values = firstChannel(raw);
  const full = 2 ** raw.bitDepth - 1;
  // A 0/1 mask saved as 8-bit (cv2.imwrite of an argmax) would otherwise read as p = 1/255. Not for
  // 16 bit, where value 1 is a plausible tiny probability of a soft prediction (so no pass for the maximum).
  let max = 0;
  if (raw.bitDepth === 8) for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const scale = raw.bitDepth === 8 && max === 1 ? 1 : full;
  if (scale === 1 && full > 1) warnings.push(`${name}: values are only 0 and 1; read as a hard mask, not as value/${full}`);
  // A 16-bit map (nearly every soft prediction): by the WebAssembly kernel where it runs.
  const prob = (values instanceof Uint16Array && scaledByKernel(values, scale)) || scaled(values, scale);
  const pred = finish(name, raw.width, raw.height, 1, prob, false, warnings);
  // The codes let the engine work on exact values (value/scale in float64) through a histogram.
  pred.codes = { values, levels: scale };
  return pred;
}

/**
 * Grey PNG: p = value / (2^depth - 1) (16-bit: value/65535). Palette PNG: a class-index map, one-hot.
 * RGB(A): a colour-coded class map through `opts.palette`, or grey stored as RGB.
 */
export function predictionFromImage(raw: RawImage, name: string, opts: Pick<PredictionOptions, 'palette' | 'maxClasses'> = {}): Prediction {
  const warnings = alphaWarning(raw, name);
  const { width, height } = raw;
  if (opts.palette && raw.colorType !== 'grey' && raw.colorType !== 'grey-alpha') {
    return oneHot(name, width, height, classesFromColours(raw, opts.palette, name), warnings, opts.maxClasses);
  }
  switch (raw.colorType) {
    case 'grey':
    case 'grey-alpha':
      return fromGrey(name, raw, warnings);
    case 'palette':
      return oneHot(name, width, height, raw.samples, warnings, opts.maxClasses);
    case 'rgb':
    case 'rgba':
      if (!isGreyAsRgb(raw)) colourImageError(raw, name, 'prediction');
      warnings.push(`${name}: grey prediction stored as RGB; read as grey`);
      return fromGrey(name, raw, warnings);
  }
}

type Layout = 'chw' | 'hwc';

/** Picks the channel axis of a 3-D array: by the expected size when known, else the small axis. */
function channelAxis(shape: [number, number, number], name: string, opts: PredictionOptions, warnings: string[]): Layout {
  const [d0, d1, d2] = shape;
  const shapeText = `(${shape.join(', ')})`;
  if (opts.width !== undefined && opts.height !== undefined) {
    const chw = d1 === opts.height && d2 === opts.width;
    const hwc = d0 === opts.height && d1 === opts.width;
    if (chw && !hwc) return 'chw';
    if (hwc && !chw) return 'hwc';
  }
  if (d0 <= MAX_GUESSED_CHANNELS && d0 < d1 && d0 < d2) return 'chw';
  if (d2 <= MAX_GUESSED_CHANNELS && d2 < d0 && d2 < d1) return 'hwc';
  if (d0 <= MAX_GUESSED_CHANNELS) {
    warnings.push(`${name}: channel axis guessed: shape ${shapeText} read as (C, H, W)`);
    return 'chw';
  }
  throw maskError('unsupported-shape', name, `cannot tell which axis of shape ${shapeText} holds the classes; expected (C, H, W) or (H, W, C) with C <= ${MAX_GUESSED_CHANNELS}`);
}

/**
 * An .npy prediction: [H,W] foreground probability, or [C,H,W] / [H,W,C] class probabilities.
 * Floats must lie in [0,1] (probabilities, not logits); bool and integer arrays of only 0/1 are hard
 * masks; other uint8 values are /255, uint16 /65535.
 */
export function predictionFromArray(arr: RawArray, name: string, opts: PredictionOptions = {}): Prediction {
  const warnings: string[] = [];
  const { shape } = arr;
  let data: ArrayLike<number> = arr.data;
  let channels = 1;
  let height: number;
  let width: number;
  let layout: Layout = 'chw';
  if (shape.length === 2) [height, width] = shape as [number, number];
  else {
    layout = channelAxis(shape as [number, number, number], name, opts, warnings);
    if (layout === 'chw') [channels, height, width] = shape as [number, number, number];
    else [height, width, channels] = shape as [number, number, number];
  }
  const n = width * height;
  const maxClasses = opts.maxClasses ?? DEFAULT_MAX_CLASSES;
  if (channels > maxClasses) {
    throw maskError('too-many-classes', name, `prediction has ${channels} class channels, more than the limit of ${maxClasses}; raise the limit (--max-classes) if the model really has that many`);
  }

  let scale = 1;
  if (arr.dtype === 'uint8' || arr.dtype === 'uint16') {
    let max = 0;
    for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
    if (max > 1) scale = arr.dtype === 'uint8' ? 255 : 65535;
  } else if (arr.dtype !== 'bool') {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (Number.isNaN(v)) {
        throw maskError('not-probabilities', name, `element ${i} is not a number; predictions must be probabilities in [0, 1]`);
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const outside = min < -PROB_TOLERANCE || max > 1 + PROB_TOLERANCE;
    const activated = applyActivation(data, { name, mode: opts.activation ?? 'none', channels, n, channelsFirst: layout === 'chw', min, max, outside, multiLabel: opts.multiLabel });
    data = activated.data;
    if (activated.warning) warnings.push(activated.warning);
  }

  const prob = new Float32Array(channels * n);
  const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
  if (layout === 'chw') {
    for (let i = 0; i < prob.length; i++) prob[i] = clamp(data[i]! / scale);
  } else {
    for (let p = 0; p < n; p++) for (let c = 0; c < channels; c++) prob[c * n + p] = clamp(data[p * channels + c]! / scale);
  }

  if (channels > 1 && !opts.multiLabel) {
    let off = 0;
    let first = -1;
    for (let p = 0; p < n; p++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += prob[c * n + p]!;
      if (Math.abs(sum - 1) > 1e-3) {
        if (first < 0) first = p;
        off++;
      }
    }
    if (off > 0) {
      warnings.push(`${name}: class probabilities do not sum to 1 at ${off} pixels (first at x=${first % width}, y=${Math.floor(first / width)}); expected softmax outputs`);
    }
  }
  return finish(name, width, height, channels, prob, false, warnings);
}
