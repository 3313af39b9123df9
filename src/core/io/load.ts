import { maskError, type DecodeOptions } from './errors';
import { maskFormatOf, type MaskFormat } from './formats';
import { groundTruthFromArray, groundTruthFromImage, type GroundTruth, type GroundTruthOptions } from './groundTruth';
import { decodeNpy, type RawArray } from './npy';
import { hasNpyMagic } from './npyHeader';
import { decodePng, type RawImage } from './png';
import { hasPngSignature } from './pngChunks';
import { predictionFromArray, predictionFromImage, type Prediction, type PredictionOptions } from './prediction';

export type LoadedMask =
  | { format: 'png'; image: RawImage; warnings: string[] }
  | { format: 'npy'; array: RawArray; warnings: string[] };

/**
 * Decodes by extension (.png, .npy; anything else is `unsupported-format`); when the content's magic bytes
 * say the other format, the content wins with a warning (a renamed file is still readable).
 */
export function loadMask(bytes: Uint8Array, name: string, opts: DecodeOptions): LoadedMask {
  const byName = maskFormatOf(name);
  if (!byName) throw maskError('unsupported-format', name, 'unsupported file type; masks must be .png or .npy');
  const byContent: MaskFormat | undefined = hasPngSignature(bytes) ? 'png' : hasNpyMagic(bytes) ? 'npy' : undefined;
  const format = byContent ?? byName;
  const warnings = format === byName ? [] : [`${name}: named .${byName} but is a .${format} file; read as .${format}`];
  return format === 'png'
    ? { format, image: decodePng(bytes, name, opts), warnings }
    : { format, array: decodeNpy(bytes, name, opts), warnings };
}

export function loadGroundTruth(bytes: Uint8Array, name: string, opts: DecodeOptions & GroundTruthOptions): GroundTruth {
  const m = loadMask(bytes, name, opts);
  const gt = m.format === 'png' ? groundTruthFromImage(m.image, name, opts) : groundTruthFromArray(m.array, name, opts);
  gt.warnings.unshift(...m.warnings);
  return gt;
}

export function loadPrediction(bytes: Uint8Array, name: string, opts: DecodeOptions & PredictionOptions): Prediction {
  const m = loadMask(bytes, name, opts);
  const pred = m.format === 'png' ? predictionFromImage(m.image, name, opts) : predictionFromArray(m.array, name, opts);
  pred.warnings.unshift(...m.warnings);
  return pred;
}
