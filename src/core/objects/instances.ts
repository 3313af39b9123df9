import { maskError, type DecodeOptions } from '../io/errors';
import { groundTruthFromImage, type GroundTruth, type GroundTruthOptions } from '../io/groundTruth';
import { decodePng, type RawImage } from '../io/png';
import { predictionFromImage, type Prediction } from '../io/prediction';
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
  /** The class map, as a palette image of class indices (what a class-map PNG decodes to). */
  classes: RawImage;
  /** Instance per pixel; 0 where the pixel belongs to no instance. */
  ids: Uint16Array;
}

/** Splits the values of an instance-id map into classes and instance ids. */
export function splitInstances(values: ArrayLike<number>, encoding: InstanceEncoding): { classes: Uint16Array; ids: Uint16Array } {
  const n = values.length;
  const classes = new Uint16Array(n);
  const ids = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (encoding === 'ids') {
      classes[i] = v ? 1 : 0;
      ids[i] = v;
    } else if (v >= 1000) {
      classes[i] = Math.floor(v / 1000);
      ids[i] = v;
    } else classes[i] = v;
  }
  return { classes, ids };
}

/** Reads an instance-id map: a grey PNG of 8 or 16 bits; anything else is one clear line naming the file. */
export function readInstanceMap(bytes: Uint8Array, name: string, encoding: InstanceEncoding, opts: DecodeOptions): InstanceMap {
  const raw = decodePng(bytes, name, opts);
  if (raw.channels !== 1 || (raw.bitDepth !== 8 && raw.bitDepth !== 16)) {
    throw maskError('not-a-mask', name, `an instance-id map (--instances ${encoding}) must be a one-channel grey PNG of 8 or 16 bits; this one is ${raw.colorType}, ${raw.bitDepth} bit`);
  }
  const { classes, ids } = splitInstances(raw.samples, encoding);
  return { classes: { width: raw.width, height: raw.height, channels: 1, bitDepth: 16, colorType: 'palette', samples: classes }, ids };
}

/**
 * The objects of an instance-id map: each instance id is one object, connected or not (an occluded car
 * in two parts is one car). An object's class is that of its pixels in `classOf` (the class map after
 * label mapping); pixels of class 0 (background, ignored) belong to no object. Ids follow the raster
 * order of each object's first pixel, as with connected components.
 */
export function instanceComponents(ids: Uint16Array, classOf: Uint16Array, grid: Grid): Components {
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
  const gt = groundTruthFromImage(g.classes, gtName, opts);
  const pred = predictionFromImage(p.classes, predName, { maxClasses: opts.maxClasses });
  return { gt, pred, ids: { gt: g.ids, pred: p.ids } };
}
