import { alphaWarning, classesFromColours, colourImageError, firstChannel, isGreyAsRgb, type PaletteEntry } from './colours';
import { applyLabelMap, type LabelMap } from '../classes/labelMap';
import { maskError } from './errors';
import { classifyLabels, type ClassifiedLabels } from './labels';
import type { RawArray } from './npy';
import type { RawImage } from './png';
import type { WorldFrame } from './volume/affine';

export interface GroundTruthOptions {
  /** Colour -> class, for colour-coded (RGB) masks; for palette PNGs it maps the palette's colours instead of using indices. */
  palette?: readonly PaletteEntry[];
  /** Label kept as-is in `labels` and not counted as a class (e.g. 255, the void label of Pascal VOC). */
  ignoreIndex?: number;
  /** Refuse a label map with more classes (largest label + 1) than this; default DEFAULT_MAX_CLASSES. */
  maxClasses?: number;
  /** Raw ids → train ids before anything else (Cityscapes labelIds → trainIds); ids not trained on → the ignore index (255 when none). */
  labelMap?: LabelMap;
}

/** A decoded ground truth: its labels as `classifyLabels` read them, with the file's name and size. */
export interface GroundTruth extends ClassifiedLabels {
  name: string;
  width: number;
  height: number;
  /** Slices of a volume (absent for an image), and its voxel size from the file's header. */
  depth?: number;
  spacing?: [number, number, number];
  /** A volume's voxel-to-world transform (RAS mm) from its header, for display. */
  world?: WorldFrame;
}

function build(name: string, width: number, height: number, raw: ArrayLike<number>, collapse: boolean, opts: GroundTruthOptions, warnings: string[]): GroundTruth {
  // Mapped values are train ids: class indices, never a 0/v mask to collapse.
  const values = opts.labelMap ? applyLabelMap(raw, opts.labelMap, opts.ignoreIndex ?? 255, name, width, height) : raw;
  const c = classifyLabels(values, name, { ignoreIndex: opts.labelMap ? (opts.ignoreIndex ?? 255) : opts.ignoreIndex, collapse: collapse && !opts.labelMap, maxClasses: opts.maxClasses });
  const gt: GroundTruth = {
    name,
    width,
    height,
    labels: c.labels,
    kind: c.kind,
    classes: c.classes,
    foregroundValue: c.foregroundValue,
    warnings: [...warnings, ...c.warnings],
  };
  if (c.ignoreIndex !== undefined) gt.ignoreIndex = c.ignoreIndex;
  return gt;
}

/**
 * Grey: the value is the label (a two-valued 0/v mask becomes 0/1). Palette PNG: the index is the class
 * (Pascal VOC). RGB(A): colours go through `opts.palette`; grey stored as RGB is read as grey. Alpha is ignored.
 */
export function groundTruthFromImage(raw: RawImage, name: string, opts: GroundTruthOptions = {}): GroundTruth {
  const warnings = alphaWarning(raw, name);
  const { width, height } = raw;
  if (opts.palette && (raw.colorType === 'rgb' || raw.colorType === 'rgba' || raw.colorType === 'palette')) {
    return build(name, width, height, classesFromColours(raw, opts.palette, name), false, opts, warnings);
  }
  switch (raw.colorType) {
    case 'grey':
    case 'grey-alpha':
      return build(name, width, height, firstChannel(raw), true, opts, warnings);
    case 'palette':
      return build(name, width, height, raw.samples, false, opts, warnings);
    case 'rgb':
    case 'rgba':
      if (!isGreyAsRgb(raw)) colourImageError(raw, name, 'ground truth');
      warnings.push(`${name}: grey mask stored as RGB; read as grey`);
      return build(name, width, height, firstChannel(raw), true, opts, warnings);
  }
}

/**
 * A label map from an .npy array: [H,W] (or [1,H,W], [H,W,1]) of bool, uint8, uint16, or floats that are
 * whole numbers (masks saved as float are common). Two-valued maps become 0/1 like grey PNGs.
 */
export function groundTruthFromArray(arr: RawArray, name: string, opts: Pick<GroundTruthOptions, 'ignoreIndex' | 'maxClasses' | 'labelMap'> = {}): GroundTruth {
  const s = arr.shape;
  let height: number;
  let width: number;
  if (s.length === 2) [height, width] = s as [number, number];
  else if (s.length === 3 && s[0] === 1) [, height, width] = s as [number, number, number];
  else if (s.length === 3 && s[2] === 1) [height, width] = s as [number, number, number];
  else {
    throw maskError('unsupported-shape', name, `ground truth must be a 2-D label map (H, W), got shape (${s.join(', ')})`);
  }
  const { data } = arr;
  if (data instanceof Float32Array || data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!Number.isInteger(v) || v < 0 || v > 65535) {
        throw maskError('not-a-mask', name, `ground truth value ${v} at pixel (x=${i % width}, y=${Math.floor(i / width)}) is not a class index; a label map of whole numbers is expected`);
      }
    }
  }
  return build(name, width, height, data, true, opts, []);
}
