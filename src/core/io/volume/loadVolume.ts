/**
 * Volumes as ground truths and predictions: NIfTI and NRRD label maps or probabilities in their header's
 * order (x fastest), and NumPy arrays (.npy, nnU-Net's .npz) whose axes are either that order or its
 * reverse (SimpleITK, nnU-Net write [Z,Y,X] / [C,Z,Y,X]) — told apart by shape against the ground truth.
 */
import { maskError, type DecodeOptions } from '../errors';
import { maskFormatOf } from '../formats';
import { groundTruthFromArray, type GroundTruth, type GroundTruthOptions } from '../groundTruth';
import { labelArrayFor } from '../labels';
import { decodeNpyShaped, type RawArray } from '../npy';
import { readNpyHeader } from '../npyHeader';
import { predictionFromArray, type Prediction, type PredictionOptions } from '../prediction';
import { decodeNifti } from './nifti';
import { decodeNrrd } from './nrrd';
import { npzPrediction } from './npz';
import type { RawVolume, VolumeData } from './types';
import { checkVoxels } from './voxels';

/** Axis order of a NumPy volume: the header's (x, y, z), or reversed (z, y, x) as SimpleITK and nnU-Net write. */
export type AxisOrder = 'xyz' | 'zyx';

export interface VolumeOptions {
  /** Slices of the ground truth: set when it is a volume, which makes an .npy prediction one too. */
  depth?: number;
  /** Settles the order of an .npy/.npz prediction whose shape fits both. */
  axisOrder?: AxisOrder;
}

type Dims = [number, number, number];
const fmt = (d: readonly number[]): string => d.join('x');

/** NIfTI or NRRD by name (`.nii`, `.nii.gz`, `.nrrd`, `.seg.nrrd`). */
function decodeHeaderVolume(bytes: Uint8Array, name: string, opts: DecodeOptions): RawVolume {
  return maskFormatOf(name) === 'nrrd' ? decodeNrrd(bytes, name, opts) : decodeNifti(bytes, name, opts);
}

/** Integer label volumes as uint8/uint16 (what label maps are), refusing negative or huge labels. */
function labelValues(data: VolumeData, dims: Dims, name: string): Uint8Array | Uint16Array | Float32Array | Float64Array {
  if (data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Float32Array || data instanceof Float64Array) return data;
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < 0 || v > 65535) {
      const [X, Y] = dims;
      throw maskError('not-a-mask', name, `label ${v} at voxel (x=${i % X}, y=${Math.floor(i / X) % Y}, z=${Math.floor(i / (X * Y))}) is not a class index (0…65535)`);
    }
    if (v > max) max = v;
  }
  const out = labelArrayFor(max, data.length);
  out.set(data);
  return out;
}

function asArray(values: VolumeData, channels: number, dims: Dims): RawArray {
  const [X, Y, Z] = dims;
  const shape = channels > 1 ? [channels, Y * Z, X] : [Y * Z, X];
  if (values instanceof Uint8Array) return { shape, dtype: 'uint8', data: values };
  if (values instanceof Uint16Array) return { shape, dtype: 'uint16', data: values };
  if (values instanceof Float32Array) return { shape, dtype: 'float32', data: values };
  if (values instanceof Float64Array) return { shape, dtype: 'float64', data: values };
  return { shape, dtype: 'float64', data: Float64Array.from(values) };
}

function withVolume<T extends GroundTruth | Prediction>(m: T, dims: Dims, spacing?: [number, number, number]): T {
  m.width = dims[0];
  m.height = dims[1];
  m.depth = dims[2];
  if (spacing) m.spacing = spacing;
  return m;
}

/**
 * The voxels of a one-map volume as stored, x fastest: a NIfTI/NRRD file, or a 3-D .npy in (x, y, z)
 * order (nibabel's). What a label map and an instance-id map are read from.
 */
export function readLabelVolume(bytes: Uint8Array, name: string, opts: DecodeOptions): RawVolume {
  let vol: RawVolume;
  if (maskFormatOf(name) === 'npy') {
    const arr = decodeNpyShaped(bytes, name, (shape) => volumeShape(shape, name, opts, 3));
    vol = { dims: arr.shape as Dims, channels: 1, data: fromXyz(arr.data, 1, arr.shape as Dims), integer: arr.dtype !== 'float32' && arr.dtype !== 'float64', warnings: [] };
  } else if (maskFormatOf(name) === 'npz') {
    throw maskError('unsupported-format', name, 'an .npz holds predictions (class probabilities); give the ground truth as .nii.gz, .nrrd or .npy');
  } else vol = decodeHeaderVolume(bytes, name, opts);
  if (vol.channels !== 1) throw maskError('unsupported-shape', name, 'ground truth must be one label map');
  return vol;
}

/** A NIfTI/NRRD label map, or a 3-D .npy one in (x, y, z) order (nibabel's). */
export function loadVolumeGroundTruth(bytes: Uint8Array, name: string, opts: DecodeOptions & GroundTruthOptions): GroundTruth {
  const vol = readLabelVolume(bytes, name, opts);
  const values = vol.integer ? labelValues(vol.data, vol.dims, name) : vol.data;
  const gt = groundTruthFromArray(asArray(values, 1, vol.dims), name, opts);
  gt.warnings.unshift(...vol.warnings);
  if (vol.world) gt.world = vol.world;
  return withVolume(gt, vol.dims, vol.spacing);
}

/** Drops leading size-1 axes down to `min` dimensions and checks the voxel limit, from the header. */
function volumeShape(shape: number[], name: string, opts: DecodeOptions, max: number): number[] {
  let s = shape;
  while (s.length > 3 && s[0] === 1) s = s.slice(1);
  if (s.length < 3 || s.length > max) {
    throw maskError('unsupported-shape', name, `array of shape (${shape.join(', ')}) is not a volume: expected (X, Y, Z)${max > 3 ? ' or (C, X, Y, Z), either axis order' : ''}`);
  }
  if (s.some((d) => d === 0)) throw maskError('unsupported-shape', name, `empty array, shape (${shape.join(', ')})`);
  checkVoxels(name, s.slice(-3) as Dims, opts);
  return s;
}

/** C-order [C?, X, Y, Z] (z fastest) to x fastest, per channel. */
function fromXyz<T extends RawArray['data']>(data: T, channels: number, [X, Y, Z]: Dims): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const n = X * Y * Z;
  for (let c = 0; c < channels; c++) {
    const o = c * n;
    for (let x = 0; x < X; x++)
      for (let y = 0; y < Y; y++) {
        const src = o + (x * Y + y) * Z;
        const dst = o + x + X * y;
        for (let z = 0; z < Z; z++) out[dst + X * Y * z] = data[src + z]!;
      }
  }
  return out;
}

/**
 * Which order a NumPy prediction's spatial axes are in, against the ground truth's (X, Y, Z): by shape,
 * with a warning saying which; refused when the shape fits both orders (X = Z) and no order is given.
 */
function axisOrderOf(spatial: Dims, gt: Dims, name: string, gtName: string, given: AxisOrder | undefined, warnings: string[]): AxisOrder {
  const same = spatial.every((d, k) => d === gt[k]);
  const reversed = spatial.every((d, k) => d === gt[2 - k]);
  if (given) {
    if ((given === 'xyz' && !same) || (given === 'zyx' && !reversed)) {
      throw maskError('size-mismatch', name, `array (${spatial.join(', ')}) in ${given} order does not fit ground truth ${gtName} (${gt.join(', ')})`);
    }
    return given;
  }
  if (same && reversed) {
    throw maskError('ambiguous-axes', name, `array (${spatial.join(', ')}) fits ground truth ${gtName} (${gt.join(', ')}) in (x, y, z) and in reversed (z, y, x) order; say which with --axis-order xyz|zyx`);
  }
  if (!same && !reversed) {
    throw maskError('size-mismatch', name, `prediction is ${fmt(spatial)} (either axis order) but ground truth ${gtName} is ${fmt(gt)}`);
  }
  const order: AxisOrder = same ? 'xyz' : 'zyx';
  warnings.push(
    order === 'zyx'
      ? `${name}: array (${spatial.join(', ')}) read in reversed (z, y, x) order (SimpleITK / nnU-Net) to match ground truth ${gtName} (${gt.join(', ')})`
      : `${name}: array (${spatial.join(', ')}) read in (x, y, z) order to match ground truth ${gtName}`,
  );
  return order;
}

export interface VolumePredictionOptions extends PredictionOptions, VolumeOptions {
  /** The ground truth's name, for messages about its shape. */
  gtName?: string;
}

/**
 * A volume prediction: NIfTI/NRRD probabilities (floats) or label maps (integers), or an .npy/.npz of
 * probabilities [X,Y,Z] / [C,X,Y,Z] in either axis order. `opts.width/height/depth` are the ground truth's.
 */
export function loadVolumePrediction(bytes: Uint8Array, name: string, opts: DecodeOptions & VolumePredictionOptions): Prediction {
  const gt: Dims = [opts.width ?? 0, opts.height ?? 0, opts.depth ?? 1];
  const gtName = opts.gtName ?? 'the ground truth';
  const format = maskFormatOf(name);
  if (format === 'npy' || format === 'npz') {
    const warnings: string[] = [];
    let npy = bytes;
    let label = name;
    if (format === 'npz') {
      const entry = npzPrediction(bytes, name, opts, (head) => volumeShape(readNpyHeader(head, name).shape, name, opts, 4));
      npy = entry.npy;
      label = `${name} ['${entry.key}']`;
    }
    let order = 'zyx' as AxisOrder;
    const arr = decodeNpyShaped(npy, label, (shape) => {
      const s = volumeShape(shape, label, opts, 4);
      order = axisOrderOf(s.slice(-3) as Dims, gt, name, gtName, opts.axisOrder, warnings);
      return s;
    });
    const s = arr.shape;
    const channels = s.length === 4 ? s[0]! : 1;
    const spatial = s.slice(-3) as Dims;
    const data = order === 'xyz' ? fromXyz(arr.data, channels, spatial) : arr.data;
    const dims: Dims = order === 'xyz' ? spatial : [spatial[2], spatial[1], spatial[0]];
    const pred = predictionFromArray({ shape: asArray(data, channels, dims).shape, dtype: arr.dtype, data }, name, { ...opts, width: dims[0], height: dims[1] * dims[2] });
    pred.warnings.unshift(...warnings);
    return withVolume(pred, dims);
  }
  const vol = decodeHeaderVolume(bytes, name, opts);
  const pred = vol.integer ? predictionFromLabels(labelValues(vol.data, vol.dims, name), vol.dims, name, opts) : predictionFromArray(asArray(vol.data, 1, vol.dims), name, opts);
  pred.warnings.unshift(...vol.warnings);
  return withVolume(pred, vol.dims, vol.spacing);
}

/**
 * An integer label-map prediction: 0/1 is a hard binary mask (through codes, so the engine sums a
 * histogram); more labels are a class map, one-hot.
 */
function predictionFromLabels(labels: Uint8Array | Uint16Array | Float32Array | Float64Array, dims: Dims, name: string, opts: PredictionOptions): Prediction {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  const warnings = [`${name}: prediction is a label map: distribution losses are dominated by the log clamp`];
  const [X, Y, Z] = dims;
  if (max <= 1) {
    const values = labels instanceof Uint8Array ? labels : Uint8Array.from(labels);
    const prob = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) prob[i] = values[i]!;
    return { name, width: X, height: Y * Z, channels: 1, prob, hard: true, fromClassMap: false, codes: { values, levels: 1 }, warnings };
  }
  // One channel per class up to the largest label: the same reading as a palette PNG's indices.
  const arr: RawArray = { shape: [Y * Z, X], dtype: labels instanceof Uint8Array ? 'uint8' : 'uint16', data: labels instanceof Float32Array || labels instanceof Float64Array ? Uint16Array.from(labels) : labels };
  return oneHotVolume(arr, name, opts, warnings);
}

function oneHotVolume(arr: RawArray, name: string, opts: PredictionOptions, warnings: string[]): Prediction {
  const n = arr.data.length;
  let max = 1;
  for (let i = 0; i < n; i++) if (arr.data[i]! > max) max = arr.data[i]!;
  const channels = max + 1;
  if (opts.maxClasses !== undefined && channels > opts.maxClasses) {
    throw maskError('too-many-classes', name, `prediction label ${max} gives ${channels} classes, more than the limit of ${opts.maxClasses}`);
  }
  const prob = new Float32Array(channels * n);
  for (let i = 0; i < n; i++) prob[arr.data[i]! * n + i] = 1;
  return { name, width: arr.shape[1]!, height: arr.shape[0]!, channels, prob, hard: true, fromClassMap: true, warnings };
}
