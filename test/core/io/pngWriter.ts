/**
 * A small, deliberately independent PNG encoder for tests: every colour type, bit depths 1/2/4/8/16,
 * all five row filters and Adam7 interlacing, plus helpers to build damaged files chunk by chunk.
 * Test-only (uses node:zlib); the decoder under test never sees this code.
 */
import { deflateSync } from 'node:zlib';

export type PngColorType = 'grey' | 'grey-alpha' | 'rgb' | 'rgba' | 'palette';
export type PngBitDepth = 1 | 2 | 4 | 8 | 16;

export interface PngSpec {
  width: number;
  height: number;
  colorType: PngColorType;
  bitDepth: PngBitDepth;
  /** One sample per channel per pixel, row-major (palette: the index). */
  samples: ArrayLike<number>;
  /** RGB triplets; required for 'palette'. */
  palette?: ArrayLike<number>;
  interlace?: boolean;
  /** Row filter 0..4, or 'cycle' to use a different one on every row (exercises all of them). */
  filter?: 0 | 1 | 2 | 3 | 4 | 'cycle';
}

export interface PngChunkSpec {
  type: string;
  data: Uint8Array;
  /** Override the CRC (to make a corrupt file). */
  crc?: number;
}

const COLOR_CODE: Record<PngColorType, number> = { grey: 0, rgb: 2, palette: 3, 'grey-alpha': 4, rgba: 6 };
const CHANNELS: Record<PngColorType, number> = { grey: 1, rgb: 3, palette: 1, 'grey-alpha': 2, rgba: 4 };
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function be32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function chunk(type: string, data: Uint8Array, crc?: number): Uint8Array {
  const typeBytes = new TextEncoder().encode(type);
  return concatBytes([be32(data.length), typeBytes, data, be32(crc ?? crc32(concatBytes([typeBytes, data])))]);
}

/** Signature + the given chunks, for hand-built (often broken) files. */
export function pngFromChunks(chunks: PngChunkSpec[]): Uint8Array {
  return concatBytes([PNG_SIGNATURE, ...chunks.map((c) => chunk(c.type, c.data, c.crc))]);
}

export function ihdr(width: number, height: number, bitDepth: number, colorType: PngColorType | number, interlace = false): Uint8Array {
  const code = typeof colorType === 'number' ? colorType : COLOR_CODE[colorType];
  return concatBytes([be32(width), be32(height), Uint8Array.of(bitDepth, code, 0, 0, interlace ? 1 : 0)]);
}

/** Packs one row of samples MSB-first, big-endian for 16 bit, rows byte-aligned. */
function packRow(values: number[], depth: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((values.length * depth) / 8));
  values.forEach((v, i) => {
    if (depth === 16) {
      out[2 * i] = v >> 8;
      out[2 * i + 1] = v & 255;
    } else if (depth === 8) out[i] = v;
    else {
      const bit = i * depth;
      out[bit >> 3]! |= v << (8 - depth - (bit & 7));
    }
  });
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function filterRow(row: Uint8Array, prev: Uint8Array | undefined, type: number, bpp: number): Uint8Array {
  const out = new Uint8Array(row.length + 1);
  out[0] = type;
  for (let x = 0; x < row.length; x++) {
    const a = x >= bpp ? row[x - bpp]! : 0;
    const b = prev ? prev[x]! : 0;
    const c = prev && x >= bpp ? prev[x - bpp]! : 0;
    const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]!;
    out[x + 1] = (row[x]! - pred) & 255;
  }
  return out;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export function encodePng(spec: PngSpec): Uint8Array {
  const { width, height, colorType, bitDepth } = spec;
  const channels = CHANNELS[colorType];
  if (spec.samples.length !== width * height * channels) {
    throw new Error(`encodePng: ${spec.samples.length} samples for ${width}x${height}x${channels}`);
  }
  const bpp = Math.max(1, (channels * bitDepth) >> 3);
  const passes = spec.interlace
    ? ADAM7.map(([x0, y0, dx, dy]) => ({ x0, y0, dx, dy }))
    : [{ x0: 0, y0: 0, dx: 1, dy: 1 }];
  const filtered: Uint8Array[] = [];
  let rowIndex = 0;
  for (const { x0, y0, dx, dy } of passes) {
    let prev: Uint8Array | undefined;
    for (let y = y0; y < height; y += dy) {
      const values: number[] = [];
      for (let x = x0; x < width; x += dx) {
        for (let c = 0; c < channels; c++) values.push(spec.samples[(y * width + x) * channels + c]!);
      }
      if (values.length === 0) continue; // empty pass: no rows at all
      const row = packRow(values, bitDepth);
      const type = spec.filter === 'cycle' ? rowIndex % 5 : (spec.filter ?? 0);
      filtered.push(filterRow(row, prev, type, bpp));
      prev = row;
      rowIndex++;
    }
  }
  const chunks: PngChunkSpec[] = [{ type: 'IHDR', data: ihdr(width, height, bitDepth, colorType, spec.interlace) }];
  if (spec.palette) chunks.push({ type: 'PLTE', data: Uint8Array.from(spec.palette) });
  chunks.push({ type: 'IDAT', data: new Uint8Array(deflateSync(concatBytes(filtered))) });
  chunks.push({ type: 'IEND', data: new Uint8Array(0) });
  return pngFromChunks(chunks);
}

/** Convenience: an 8-bit grey PNG from row-major values. */
export function greyPng(width: number, height: number, values: ArrayLike<number>, bitDepth: PngBitDepth = 8): Uint8Array {
  return encodePng({ width, height, colorType: 'grey', bitDepth, samples: values });
}
