import { maskError } from './errors';
import { hasNpyMagic, readNpyHeader } from './npyHeader';
import { hasPngSignature } from './pngChunks';
import { rowBytes } from './pngPixels';

/**
 * Limits that keep one pair's work and memory bounded whatever a (tiny) file claims: a 163-byte PNG can
 * hold labels 0, 1 and 65535, i.e. 65,536 classes, and a 0.8 MB one an 8192² RGBA16 image.
 */

/**
 * Classes (largest label + 1) a mask may have. 255 keeps every real label map (ADE20K 150, COCO-stuff
 * 182) and refuses label 255, which nearly always marks void pixels (Pascal VOC, Cityscapes train ids,
 * COCO-stuff): that mask wants an ignore index, not 256 classes.
 */
export const DEFAULT_MAX_CLASSES = 255;

const MIB = 1 << 20;

/** The largest file a mask within the limits can be: float64 per class and pixel, plus headers. */
export function maxMaskFileBytes(maxPixels: number, maxClasses: number): number {
  return maxPixels * 8 * Math.max(2, maxClasses) + 16 * MIB;
}

/** "class 255 gives 256 classes, more than the limit of 255" plus the way out. */
export function tooManyClasses(name: string, largest: number, maxClasses: number, role: 'ground truth' | 'prediction'): never {
  const hint =
    largest === 255
      ? `; if 255 marks void pixels, give it as the ignore index (--ignore-index 255)${role === 'prediction' ? ' and keep it out of predictions' : ''}`
      : '; raise the limit (--max-classes) if the mask really has that many';
  throw maskError('too-many-classes', name, `${role} class ${largest} gives ${largest + 1} classes, more than the limit of ${maxClasses}${hint}`);
}

/** What a file's header says it holds, before anything is decoded. */
export interface MaskShape {
  pixels: number;
  /** Samples per pixel in the file (channels of a PNG, classes of a [C,H,W] array). */
  channels: number;
  /** Classes it holds at most as a prediction: a palette's entries, an array's channels; 1 for grey or RGB. */
  classes: number;
  /** Peak bytes that decoding the file to samples takes, the file itself not counted. */
  decodeBytes: number;
}

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const NPY_SIZES: Record<string, number> = { b1: 1, u1: 1, u2: 2, f2: 2, f4: 4, f8: 8 };

function pngShape(bytes: Uint8Array): MaskShape | undefined {
  if (bytes.length < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const depth = bytes[24]!;
  const channels = PNG_CHANNELS[bytes[25]!];
  if (!channels || !width || !height) return undefined;
  const interlaced = bytes[28] === 1;
  const pixels = width * height;
  // The inflated stream, unfiltered in place; a separate sample array only for sub-byte depths or
  // Adam7 (16-bit rows are byte-swapped in place). Colour: one channel copied out.
  const inflated = height * (1 + rowBytes(width, channels * depth)) + (interlaced ? 7 * height : 0);
  const sampleBytes = depth === 16 ? 2 : 1;
  const samples = depth < 8 || interlaced ? pixels * channels * sampleBytes : 0;
  const firstChannel = channels > 1 ? pixels * sampleBytes : 0;
  let paletteEntries: number | undefined;
  if (bytes[25] === 3) {
    // Chunk headers up to PLTE: the palette bounds the classes of a palette prediction.
    for (let at = 33; at + 8 <= bytes.length; ) {
      const length = u32(bytes, at);
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (type === 'PLTE') paletteEntries = Math.floor(length / 3);
      if (type === 'PLTE' || type === 'IDAT') break;
      at += 12 + length;
    }
  }
  return { pixels, channels, classes: paletteEntries ?? 1, decodeBytes: inflated + samples + firstChannel };
}

function npyShape(bytes: Uint8Array, name: string): MaskShape | undefined {
  let header;
  try {
    header = readNpyHeader(bytes, name);
  } catch {
    return undefined; // the decoder says what is wrong
  }
  const key = header.descr.replace(/^[<>|=]/, '');
  const size = NPY_SIZES[key];
  const shape = header.shape.filter((d, k) => d !== 1 || k >= header.shape.length - 2);
  if (!size || shape.length < 2 || shape.length > 3) return undefined;
  const sorted = [...shape].sort((a, b) => b - a);
  const pixels = sorted[0]! * sorted[1]!;
  const elements = shape.reduce((p, d) => p * d, 1);
  // A copy of the data, float16 widened to float32, Fortran order reordered into another array.
  const widened = key === 'f2' ? elements * 4 : 0;
  const reordered = header.fortranOrder ? elements * Math.max(size, key === 'f2' ? 4 : 0) : 0;
  return { pixels, channels: elements / pixels, classes: elements / pixels, decodeBytes: elements * size + widened + reordered };
}

/** The header's account of a PNG or .npy file; undefined when there is none to read (the decoder says why). */
export function peekMaskShape(bytes: Uint8Array, name: string): MaskShape | undefined {
  if (hasPngSignature(bytes)) return pngShape(bytes);
  if (hasNpyMagic(bytes)) return npyShape(bytes, name);
  return undefined;
}

/**
 * Peak bytes of one pair from its files' headers: the two files, the larger decode, the interpreted
 * ground truth and prediction (labels, float32 probabilities per class) and the engine's working arrays
 * (per-class masks, one class's distance fields and sort keys at a time).
 */
export function estimatePairBytes(gt: MaskShape, pred: MaskShape, fileBytes: number, maxClasses: number): number {
  const n = Math.max(gt.pixels, pred.pixels);
  const classes = Math.max(1, Math.min(pred.classes, maxClasses));
  const decode = Math.max(gt.decodeBytes, pred.decodeBytes);
  const interpreted = n * 2 + n * 4 * classes;
  const multiclass = classes > 1 ? n * (2 * classes + 2) : 0;
  return fileBytes + decode + interpreted + multiclass + n * ENGINE_BYTES_PER_PIXEL;
}

/**
 * Distance fields, boundaries, error and sort arrays of one binary problem, the WebAssembly kernels'
 * memory (at most 7 bytes a pixel: a binary pair's maps), with room for the object evaluation
 * (measured: about 35 bytes per pixel for a whole 4096² binary pair, decoding included).
 */
const ENGINE_BYTES_PER_PIXEL = 40;

/** `2.3 GiB`, `640 MiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * MIB ? `${(bytes / (1024 * MIB)).toFixed(1)} GiB` : `${Math.ceil(bytes / MIB)} MiB`;
}

/** Refuses a pair whose estimate exceeds the budget, before a pixel is decoded. */
export function checkPairBudget(
  gtName: string,
  gtBytes: Uint8Array,
  predName: string,
  predBytes: Uint8Array,
  limits: { budget: number; maxClasses: number; maxPixels: number },
): void {
  const { budget, maxClasses, maxPixels } = limits;
  const gt = peekMaskShape(gtBytes, gtName);
  const pred = peekMaskShape(predBytes, predName);
  // Beyond the pixel limit the decoder refuses the file with its own, plainer message.
  if (!gt || !pred || gt.pixels > maxPixels || pred.pixels > maxPixels) return;
  const need = estimatePairBytes(gt, pred, gtBytes.length + predBytes.length, maxClasses);
  if (need > budget) {
    const big = pred.pixels * pred.channels > gt.pixels * gt.channels ? predName : gtName;
    throw maskError(
      'too-large',
      big,
      `computing this pair needs about ${formatBytes(need)}, more than the memory budget of ${formatBytes(budget)} per pair (--max-memory, divided by --jobs)`,
    );
  }
}
