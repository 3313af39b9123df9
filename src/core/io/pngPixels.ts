import { maskError } from './errors';
import type { BitDepth } from './pngChunks';

/** Layout of one (sub-)image inside the inflated IDAT stream. */
interface Pass {
  width: number;
  height: number;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
}

// Adam7 pass origins and steps (PNG spec, section 8.2).
const ADAM7: readonly [number, number, number, number][] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

export function passesOf(width: number, height: number, interlaced: boolean): Pass[] {
  if (!interlaced) return [{ width, height, x0: 0, y0: 0, dx: 1, dy: 1 }];
  return ADAM7.map(([x0, y0, dx, dy]) => ({
    width: Math.ceil((width - x0) / dx),
    height: Math.ceil((height - y0) / dy),
    x0,
    y0,
    dx,
    dy,
  })).filter((p) => p.width > 0 && p.height > 0);
}

export function rowBytes(width: number, bitsPerPixel: number): number {
  return Math.ceil((width * bitsPerPixel) / 8);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Reverses the per-row filters of one pass in place: each row keeps its filter byte in front, and its
 * bytes become the reconstructed ones (filters read reconstructed neighbours, which are already there).
 * No second image-sized buffer: an 8192² RGBA16 image is 512 MiB once, not twice.
 */
function unfilterInPlace(buf: Uint8Array, at: number, pass: Pass, bitsPerPixel: number, name: string): void {
  const bpl = rowBytes(pass.width, bitsPerPixel);
  const bpp = Math.max(1, bitsPerPixel >> 3); // filter distance in bytes
  for (let y = 0; y < pass.height; y++) {
    const filter = buf[at];
    const o = at + 1;
    const up = o - (1 + bpl); // previous row's bytes (only read when y > 0)
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let x = bpp; x < bpl; x++) buf[o + x] = buf[o + x] + buf[o + x - bpp];
        break;
      case 2:
        if (y > 0) for (let x = 0; x < bpl; x++) buf[o + x] = buf[o + x] + buf[up + x];
        break;
      case 3:
        for (let x = 0; x < bpl; x++) {
          const a = x >= bpp ? buf[o + x - bpp] : 0;
          const b = y > 0 ? buf[up + x] : 0;
          buf[o + x] = buf[o + x] + ((a + b) >> 1);
        }
        break;
      case 4:
        for (let x = 0; x < bpl; x++) {
          const a = x >= bpp ? buf[o + x - bpp] : 0;
          const b = y > 0 ? buf[up + x] : 0;
          const c = x >= bpp && y > 0 ? buf[up + x - bpp] : 0;
          buf[o + x] = buf[o + x] + paeth(a, b, c);
        }
        break;
      default:
        throw maskError('corrupt-png', name, `corrupt PNG (invalid filter type ${filter} in row ${y})`);
    }
    at += 1 + bpl;
  }
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Big-endian 16-bit samples to the host's order, in place. A function of its own: V8 optimises this
 * loop while it runs and reuses that code at every later call; the code after it in `toSamples`, which
 * that code had no feedback for, sent such calls back to the interpreter (about 40 a 1000-pair batch).
 */
function swapBytes(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 2) {
    const hi = bytes[i]!;
    bytes[i] = bytes[i + 1]!;
    bytes[i + 1] = hi;
  }
}

/** Drops the filter bytes of unfiltered rows, moving each row forward in the same buffer. */
function compactRows(buf: Uint8Array, height: number, bpl: number): Uint8Array {
  for (let y = 0; y < height; y++) buf.copyWithin(y * bpl, y * (1 + bpl) + 1, (y + 1) * (1 + bpl));
  return buf.subarray(0, height * bpl);
}

/**
 * Unfilters (and de-interlaces) the inflated IDAT stream into one sample per channel per pixel,
 * 16-bit big-endian samples read as numbers and sub-byte samples unpacked; short data is reported.
 */
export function toSamples(
  inflated: Uint8Array,
  width: number,
  height: number,
  channels: number,
  depth: BitDepth,
  interlaced: boolean,
  name: string,
): Uint8Array | Uint16Array {
  const bitsPerPixel = channels * depth;
  const passes = passesOf(width, height, interlaced);
  const needed = passes.reduce((n, p) => n + p.height * (1 + rowBytes(p.width, bitsPerPixel)), 0);
  if (inflated.length < needed) {
    throw maskError('corrupt-png', name, `truncated PNG (image data has ${inflated.length} of ${needed} bytes)`);
  }
  // Not interlaced, 8 or 16 bit: the unfiltered rows, compacted in place, are the samples (16-bit ones
  // byte-swapped in place to the host's order and viewed as such).
  if (!interlaced && depth >= 8) {
    const buf = depth === 16 && inflated.byteOffset % 2 !== 0 ? new Uint8Array(inflated) : inflated;
    unfilterInPlace(buf, 0, passes[0]!, bitsPerPixel, name);
    const bytes = compactRows(buf, height, rowBytes(width, bitsPerPixel));
    if (depth === 8) return bytes;
    if (HOST_LITTLE_ENDIAN) swapBytes(bytes);
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  }
  const samples = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  let at = 0;
  for (const pass of passes) {
    const bpl = rowBytes(pass.width, bitsPerPixel);
    unfilterInPlace(inflated, at, pass, bitsPerPixel, name);
    const rows = inflated; // unfiltered in place, rows still behind their filter bytes
    const mask = (1 << depth) - 1;
    for (let y = 0; y < pass.height; y++) {
      const row = at + y * (1 + bpl) + 1;
      let dst = ((pass.y0 + y * pass.dy) * width + pass.x0) * channels;
      const step = pass.dx * channels;
      for (let x = 0; x < pass.width; x++, dst += step) {
        for (let c = 0; c < channels; c++) {
          const i = x * channels + c;
          let v: number;
          if (depth === 8) v = rows[row + i];
          else if (depth === 16) v = (rows[row + 2 * i] << 8) | rows[row + 2 * i + 1];
          else {
            const bit = i * depth; // sub-byte depths only occur with one channel
            v = (rows[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
          }
          samples[dst + c] = v;
        }
      }
    }
    at += pass.height * (1 + bpl);
  }
  return samples;
}
