import { maskError, type DecodeOptions } from '../io/errors';
import { groundTruthFromImage, type GroundTruth, type GroundTruthOptions } from '../io/groundTruth';
import { isVolumeFile, loadMask } from '../io/load';
import type { RawImage } from '../io/png';
import { predictionFromImage, type Prediction } from '../io/prediction';
import { readLabelVolume } from '../io/volume/loadVolume';
import { measureObjects, type Components, type Grid } from './components';

/**
 * How an instance-id map encodes class and instance. `cityscapes` (`*_instanceIds.png`): a value
 * v ≥ 1000 is instance v of class ⌊v/1000⌋, a value below 1000 is a class with no instance (stuff,
 * crowds). `ids` (cell and nucleus masks): each non-zero value is one object of class 1.
 */
export type InstanceEncoding = 'cityscapes' | 'ids';
export const INSTANCE_ENCODINGS: readonly InstanceEncoding[] = ['cityscapes', 'ids'];

/** An instance-id map split into what the pixel metrics read (classes) and what objects are (ids). */
export interface InstanceMap {
  /** The class map, as a palette image of class indices (what a class-map PNG decodes to); a volume's slices stacked. */
  classes: RawImage;
  /** Instance per pixel; 0 where the pixel belongs to no instance. */
  ids: Uint16Array;
  /** A volume's slices and voxel size (from the header); absent for an image. */
  depth?: number;
  spacing?: [number, number, number];
  warnings: string[];
}

/**
 * Splits the values of an instance-id map into classes and instance ids. Ids above 65535 (an int32
 * NIfTI of many cells) are renumbered 1… in order of first appearance: only which pixels share an id
 * matters. Throws a RangeError when more than 65535 instances would need numbers.
 */
export function splitInstances(values: ArrayLike<number>, encoding: InstanceEncoding): { classes: Uint16Array; ids: Uint16Array } {
  const n = values.length;
  const classes = new Uint16Array(n);
  const city = encoding === 'cityscapes';
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    classes[i] = !city ? (v ? 1 : 0) : v >= 1000 ? Math.floor(v / 1000) : v;
    if (v > max && (!city || v >= 1000)) max = v;
  }
  const ids = new Uint16Array(n);
  if (max <= 65535) {
    for (let i = 0; i < n; i++) if (!city || values[i] >= 1000) ids[i] = values[i];
    return { classes, ids };
  }
  const numbers = new Map<number, number>();
  let last = 0;
  let lastId = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === 0 || (city && v < 1000)) continue;
    if (v !== last) {
      let id = numbers.get(v);
      if (id === undefined) {
        if (numbers.size === 65535) throw new RangeError('more than 65535 instances');
        numbers.set(v, (id = numbers.size + 1));
      }
      last = v;
      lastId = id;
    }
    ids[i] = lastId;
  }
  return { classes, ids };
}

/** The largest value an instance map may hold: int32's, and under `cityscapes` a class that fits 16 bits. */
const MAX_VALUE: Record<InstanceEncoding, number> = { ids: 2 ** 31 - 1, cityscapes: 65536 * 1000 - 1 };

/** The stored values of an instance-id map and where they lie (an image, or a volume with its voxel size). */
interface InstanceValues {
  values: ArrayLike<number>;
  width: number;
  height: number;
  depth?: number;
  spacing?: [number, number, number];
  warnings: string[];
}

function readInstanceValues(bytes: Uint8Array, name: string, encoding: InstanceEncoding, opts: DecodeOptions): InstanceValues {
  if (isVolumeFile(bytes, name)) {
    const vol = readLabelVolume(bytes, name, opts);
    const [width, height, depth] = vol.dims;
    return { values: vol.data, width, height, depth, ...(vol.spacing ? { spacing: vol.spacing } : {}), warnings: vol.warnings };
  }
  const m = loadMask(bytes, name, opts);
  if (m.format === 'npy') {
    const s = m.array.shape;
    const hw = s.length === 2 ? s : s.length === 3 && s[0] === 1 ? s.slice(1) : s.length === 3 && s[2] === 1 ? s.slice(0, 2) : undefined;
    if (!hw) throw maskError('unsupported-shape', name, `an instance-id map (--instances ${encoding}) is (H, W) or (X, Y, Z); got shape (${s.join(', ')})`);
    return { values: m.array.data, width: hw[1], height: hw[0], warnings: m.warnings };
  }
  const raw = m.image;
  if (raw.channels !== 1 || (raw.bitDepth !== 8 && raw.bitDepth !== 16)) {
    throw maskError('not-a-mask', name, `an instance-id map (--instances ${encoding}) must be a one-channel grey PNG of 8 or 16 bits; this one is ${raw.colorType}, ${raw.bitDepth} bit`);
  }
  return { values: raw.samples, width: raw.width, height: raw.height, warnings: m.warnings };
}

/** Checks that every value is an id the encoding can split: a whole number in 0…MAX_VALUE. */
function checkValues(m: InstanceValues, name: string, encoding: InstanceEncoding): void {
  const { values, width: W, height: H } = m;
  const max = MAX_VALUE[encoding];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isInteger(v) && v >= 0 && v <= max) continue;
    const at = m.depth === undefined ? `pixel (x=${i % W}, y=${Math.floor(i / W)})` : `voxel (x=${i % W}, y=${Math.floor(i / W) % H}, z=${Math.floor(i / (W * H))})`;
    throw maskError('not-a-mask', name, `value ${v} at ${at} is not an instance id (--instances ${encoding}: a whole number from 0 to ${max})`);
  }
}

/**
 * Reads an instance-id map: a grey PNG of 8 or 16 bits, an integer .npy (H, W), or a volume (NIfTI,
 * NRRD, .npy (X, Y, Z)) of whole numbers. Anything else is one clear line naming the file.
 */
export function readInstanceMap(bytes: Uint8Array, name: string, encoding: InstanceEncoding, opts: DecodeOptions): InstanceMap {
  const m = readInstanceValues(bytes, name, encoding, opts);
  checkValues(m, name, encoding);
  let split: { classes: Uint16Array; ids: Uint16Array };
  try {
    split = splitInstances(m.values, encoding);
  } catch (e) {
    if (e instanceof RangeError) throw maskError('not-a-mask', name, `more than 65535 instances; an instance-id map (--instances ${encoding}) holds at most 65535`);
    throw e;
  }
  const height = m.height * (m.depth ?? 1);
  const out: InstanceMap = { classes: { width: m.width, height, channels: 1, bitDepth: 16, colorType: 'palette', samples: split.classes }, ids: split.ids, warnings: m.warnings };
  if (m.depth !== undefined) out.depth = m.depth;
  if (m.spacing) out.spacing = m.spacing;
  return out;
}

/** Gives a mask read from a stacked class map its volume's shape again (an image is left as it is). */
function asRead<T extends GroundTruth | Prediction>(mask: T, m: InstanceMap): T {
  mask.warnings.unshift(...m.warnings);
  if (m.depth === undefined) return mask;
  mask.height = m.classes.height / m.depth;
  mask.depth = m.depth;
  if (m.spacing) mask.spacing = m.spacing;
  return mask;
}

/**
 * The objects of an instance-id map: each instance id is one object, connected or not (an occluded car
 * in two parts is one car). An object's class is that of its pixels in `classOf` (the class map after
 * label mapping); pixels of class 0 (background, ignored) belong to no object. Ids follow the raster
 * order of each object's first pixel, as with connected components.
 */
export function instanceComponents(ids: Uint16Array, classOf: Uint8Array | Uint16Array, grid: Grid): Components {
  const { width: W, height: H, depth: D } = grid;
  const n = W * H * D;
  const out = new Int32Array(n);
  const compact = new Int32Array(65536);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    if (v === 0 || classOf[i] === 0) continue;
    out[i] = compact[v] ||= ++count;
  }
  return measureObjects(out, count, classOf, grid);
}

/**
 * Both files of a pair as instance-id maps: the class maps become the ground truth and the (one-hot)
 * prediction the pixel metrics read, and the instance ids of each side its objects.
 */
export function loadInstancePair(
  gtBytes: Uint8Array,
  gtName: string,
  predBytes: Uint8Array,
  predName: string,
  encoding: InstanceEncoding,
  opts: DecodeOptions & Pick<GroundTruthOptions, 'ignoreIndex' | 'labelMap' | 'maxClasses'>,
): { gt: GroundTruth; pred: Prediction; ids: { gt: Uint16Array; pred: Uint16Array } } {
  const g = readInstanceMap(gtBytes, gtName, encoding, opts);
  const p = readInstanceMap(predBytes, predName, encoding, opts);
  const gt = asRead(groundTruthFromImage(g.classes, gtName, opts), g);
  const pred = asRead(predictionFromImage(p.classes, predName, { maxClasses: opts.maxClasses }), p);
  return { gt, pred, ids: { gt: g.ids, pred: p.ids } };
}
