import UPNG from 'upng-js';
import { maskError, type DecodeOptions } from './errors';
import { readPngChunks, type BitDepth, type ColorType } from './pngChunks';
import { toSamples } from './pngPixels';

export type { BitDepth, ColorType } from './pngChunks';

/** A decoded PNG with its samples untouched: palette indices stay indices, 16-bit stays 16-bit. */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  bitDepth: BitDepth;
  colorType: ColorType;
  /** One sample per channel per pixel, row-major; Uint16Array exactly when bitDepth is 16. */
  samples: Uint8Array | Uint16Array;
  /** RGB triplets of a palette image. */
  palette?: Uint8Array;
}

// upng-js bundles pako and exposes its inflate here; the typings omit it. We use only this part of
// upng because its `decode` keeps no record of short data and mis-decodes 1-bit interlaced images.
const upngInflate = (UPNG.decode as unknown as { _inflate?: (data: Uint8Array) => Uint8Array })._inflate;

function inflate(idat: Uint8Array, name: string, maxBytes: number, opts: DecodeOptions): Uint8Array {
  if (typeof upngInflate !== 'function') throw new Error('upng-js no longer exposes decode._inflate');
  try {
    return opts.inflate ? opts.inflate(idat, maxBytes) : upngInflate(idat);
  } catch (e) {
    // pako throws strings such as "incorrect header check".
    const why = typeof e === 'string' ? e : e instanceof Error ? e.message : 'unknown error';
    throw maskError('corrupt-png', name, `corrupt PNG (compressed image data: ${why})`);
  }
}

/**
 * Decodes a PNG without converting it to RGBA. Throws MaskError for an empty, non-PNG, truncated,
 * corrupt or too large file; the size limit is checked from the header before any pixel buffer exists.
 */
export function decodePng(bytes: Uint8Array, name: string, opts: DecodeOptions): RawImage {
  const { header, idat, palette } = readPngChunks(bytes, name, opts);
  const { width, height, channels, bitDepth, colorType, interlaced } = header;
  // Filter bytes and Adam7's partial rows add at most a few bytes per row and pass to the raw size.
  const maxBytes = (Math.ceil((width * channels * bitDepth) / 8) + 8) * height + 1024;
  const samples = toSamples(inflate(idat, name, maxBytes, opts), width, height, channels, bitDepth, interlaced, name);
  const image: RawImage = { width, height, channels, bitDepth, colorType, samples };
  if (colorType === 'palette' && palette) image.palette = palette;
  return image;
}
