import { maskError, type DecodeOptions } from './errors';
import { readPngChunks, type BitDepth, type ColorType } from './pngChunks';
import { toSamples } from './pngPixels';
import { InflateError, inflateRaw } from './volume/inflate';

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

/** The deflate stream inside a zlib stream (RFC 1950), its 2-byte header checked. */
function zlibBody(data: Uint8Array): Uint8Array {
  if (data.length < 2 || (data[0] & 0x0f) !== 8 || ((data[0] << 8) | data[1]) % 31 !== 0) throw new InflateError('incorrect header check');
  if (data[1] & 0x20) throw new InflateError('preset dictionary not allowed');
  return data.subarray(2);
}

/** The platform's inflate when the caller gives one (Node's zlib), else the core's own, bounded alike. */
function inflate(idat: Uint8Array, name: string, maxBytes: number, opts: DecodeOptions): Uint8Array {
  try {
    return opts.inflate ? opts.inflate(idat, maxBytes) : inflateRaw(zlibBody(idat), maxBytes, {});
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
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
