import { maskError, type DecodeOptions } from './errors';
import { maskFormatOf, VOLUME_FORMATS, type MaskFormat } from './formats';
import { groundTruthFromArray, groundTruthFromImage, type GroundTruth, type GroundTruthOptions } from './groundTruth';
import { decodeNpy, type RawArray } from './npy';
import { hasNpyMagic, readNpyHeader } from './npyHeader';
import { decodePng, type RawImage } from './png';
import { hasPngSignature } from './pngChunks';
import { predictionFromArray, predictionFromImage, type Prediction } from './prediction';
import { loadVolumeGroundTruth, loadVolumePrediction, type VolumePredictionOptions } from './volume/loadVolume';

export type LoadedMask =
  | { format: 'png'; image: RawImage; warnings: string[] }
  | { format: 'npy'; array: RawArray; warnings: string[] };

/**
 * Decodes by extension (.png, .npy; anything else is `unsupported-format`); when the content's magic bytes
 * say the other format, the content wins with a warning (a renamed file is still readable).
 */
export function loadMask(bytes: Uint8Array, name: string, opts: DecodeOptions): LoadedMask {
  const byName = maskFormatOf(name);
  if (!byName) throw maskError('unsupported-format', name, 'unsupported file type; masks must be .png, .npy, .nii, .nii.gz, .nrrd or .npz');
  if (byName !== 'png' && byName !== 'npy') throw maskError('unsupported-format', name, 'a volume, not an image');
  const byContent: MaskFormat | undefined = hasPngSignature(bytes) ? 'png' : hasNpyMagic(bytes) ? 'npy' : undefined;
  const format = byContent ?? byName;
  const warnings = format === byName ? [] : [`${name}: named .${byName} but is a .${format} file; read as .${format}`];
  return format === 'png'
    ? { format, image: decodePng(bytes, name, opts), warnings }
    : { format, array: decodeNpy(bytes, name, opts), warnings };
}

export function loadGroundTruth(bytes: Uint8Array, name: string, opts: DecodeOptions & GroundTruthOptions): GroundTruth {
  if (isVolumeFile(bytes, name)) return loadVolumeGroundTruth(bytes, name, opts);
  const m = loadMask(bytes, name, opts);
  const gt = m.format === 'png' ? groundTruthFromImage(m.image, name, opts) : groundTruthFromArray(m.array, name, opts);
  gt.warnings.unshift(...m.warnings);
  return gt;
}

export function loadPrediction(bytes: Uint8Array, name: string, opts: DecodeOptions & VolumePredictionOptions): Prediction {
  // A PNG is an image whatever it is paired with: against a one-slice volume it is that slice; against a
  // deeper volume the pair cannot fit, and the message must name this file, not blame a volume reader.
  const image = maskFormatOf(name) === 'png' || hasPngSignature(bytes);
  if (image && (opts.depth ?? 1) > 1) {
    throw maskError('size-mismatch', name, `a 2-D image, but ground truth ${opts.gtName ?? 'the ground truth'} is a volume of ${opts.width}x${opts.height}x${opts.depth}`);
  }
  if (!image && (opts.depth !== undefined || VOLUME_FORMATS.has(maskFormatOf(name) ?? 'png'))) return loadVolumePrediction(bytes, name, opts);
  const m = loadMask(bytes, name, opts);
  const pred = m.format === 'png' ? predictionFromImage(m.image, name, opts) : predictionFromArray(m.array, name, opts);
  pred.warnings.unshift(...m.warnings);
  return pred;
}

/**
 * A ground truth is a volume when its format is (NIfTI, NRRD), or when it is an .npy of three axes none
 * of which is 1: a 2-D label map has no channels, so such an array can only be (X, Y, Z).
 */
export function isVolumeFile(bytes: Uint8Array, name: string): boolean {
  const format = maskFormatOf(name);
  if (format && VOLUME_FORMATS.has(format)) return true;
  if (format !== 'npy' || !hasNpyMagic(bytes)) return false;
  try {
    let shape = readNpyHeader(bytes, name).shape;
    while (shape.length > 3 && shape[0] === 1) shape = shape.slice(1);
    return shape.length === 3 && shape.every((d) => d > 1);
  } catch {
    return false; // the image decoder reports the problem
  }
}
