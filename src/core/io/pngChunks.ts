import { checkPixels, maskError, type DecodeOptions } from './errors';
import { crc32 } from './crc32';

export type ColorType = 'grey' | 'grey-alpha' | 'rgb' | 'rgba' | 'palette';
export type BitDepth = 1 | 2 | 4 | 8 | 16;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: BitDepth;
  colorType: ColorType;
  channels: 1 | 2 | 3 | 4;
  interlaced: boolean;
}

/** A PNG whose chunk structure, CRCs and header have been checked; pixels still compressed. */
export interface PngChunks {
  header: PngHeader;
  /** Concatenated IDAT payloads (the zlib stream). */
  idat: Uint8Array;
  /** PLTE payload (RGB triplets), when present. */
  palette?: Uint8Array;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const COLOR_TYPES: Record<number, { type: ColorType; channels: 1 | 2 | 3 | 4; depths: readonly number[] }> = {
  0: { type: 'grey', channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { type: 'rgb', channels: 3, depths: [8, 16] },
  3: { type: 'palette', channels: 1, depths: [1, 2, 4, 8] },
  4: { type: 'grey-alpha', channels: 2, depths: [8, 16] },
  6: { type: 'rgba', channels: 4, depths: [8, 16] },
};

export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Names what a non-PNG file most likely is, so the message helps. */
function describeNonPng(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY') return 'it is a NumPy .npy file';
  if (head[0] === 0xff && head[1] === 0xd8) return 'it is a JPEG; masks must be stored losslessly';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) {
    return 'damaged PNG signature (was it transferred in text mode?)';
  }
  const sample = bytes.subarray(0, 64);
  const printable = sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  return printable ? 'it looks like a text file' : 'no PNG signature';
}

function parseIhdr(bytes: Uint8Array, at: number, name: string): PngHeader {
  const width = u32(bytes, at);
  const height = u32(bytes, at + 4);
  const depth = bytes[at + 8]!;
  const ctype = bytes[at + 9]!;
  const [compression, filter, interlace] = [bytes[at + 10], bytes[at + 11], bytes[at + 12]];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw maskError('corrupt-png', name, `corrupt PNG (invalid size ${width}x${height})`);
  }
  const info = COLOR_TYPES[ctype];
  if (!info) throw maskError('corrupt-png', name, `corrupt PNG (invalid colour type ${ctype})`);
  if (!info.depths.includes(depth)) {
    throw maskError('corrupt-png', name, `corrupt PNG (bit depth ${depth} is invalid for colour type ${info.type})`);
  }
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    throw maskError('corrupt-png', name, 'corrupt PNG (unknown compression, filter or interlace method)');
  }
  return {
    width,
    height,
    bitDepth: depth as BitDepth,
    colorType: info.type,
    channels: info.channels,
    interlaced: interlace === 1,
  };
}

/**
 * Walks every chunk: signature, lengths, CRCs, IHDR first, PLTE for palette images, IDAT present, IEND.
 * The pixel limit is checked as soon as IHDR is read, so a lying header never leads to an allocation.
 */
export function readPngChunks(bytes: Uint8Array, name: string, opts: DecodeOptions): PngChunks {
  if (bytes.length === 0) throw maskError('empty-file', name, 'empty file');
  if (!hasPngSignature(bytes)) throw maskError('not-png', name, `not a PNG file (${describeNonPng(bytes)})`);

  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  const idatParts: Uint8Array[] = [];
  let idatLength = 0;
  let offset = 8;
  let last = 'signature';
  for (;;) {
    if (offset + 8 > bytes.length) {
      const where = offset === bytes.length ? `after chunk ${last}, no IEND` : `inside the chunk header after ${last}`;
      throw maskError('corrupt-png', name, `truncated PNG (ends ${where})`);
    }
    const length = u32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw maskError('corrupt-png', name, `corrupt PNG (invalid chunk type after ${last})`);
    }
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) {
      throw maskError('corrupt-png', name, `truncated PNG (ends inside chunk ${type})`);
    }
    if (crc32(bytes, offset + 4, dataEnd) !== u32(bytes, dataEnd)) {
      throw maskError('corrupt-png', name, `corrupt PNG (bad CRC in chunk ${type})`);
    }
    if (!header && type !== 'IHDR') throw maskError('corrupt-png', name, `corrupt PNG (first chunk is ${type}, not IHDR)`);

    if (type === 'IHDR') {
      if (header) throw maskError('corrupt-png', name, 'corrupt PNG (two IHDR chunks)');
      if (length !== 13) throw maskError('corrupt-png', name, `corrupt PNG (IHDR has length ${length}, not 13)`);
      header = parseIhdr(bytes, dataStart, name);
      checkPixels(name, header.width, header.height, opts);
    } else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) {
        throw maskError('corrupt-png', name, `corrupt PNG (PLTE has length ${length})`);
      }
      palette = new Uint8Array(bytes.subarray(dataStart, dataEnd)); // a copy, even from a Node Buffer
    } else if (type === 'IDAT') {
      idatParts.push(bytes.subarray(dataStart, dataEnd));
      idatLength += length;
    } else if (type === 'IEND') {
      break;
    } else if ((bytes[offset + 4]! & 0x20) === 0) {
      // Upper-case first letter = critical chunk we cannot interpret (e.g. Apple's CgBI).
      throw maskError('corrupt-png', name, `unsupported PNG (unknown critical chunk ${type})`);
    }
    last = type;
    offset = dataEnd + 4;
  }

  if (!header) throw maskError('corrupt-png', name, 'corrupt PNG (no IHDR chunk)');
  if (idatParts.length === 0) throw maskError('corrupt-png', name, 'corrupt PNG (no image data: no IDAT chunk)');
  if (header.colorType === 'palette' && !palette) throw maskError('corrupt-png', name, 'corrupt PNG (palette image without PLTE chunk)');

  // One IDAT (the usual case) is read where it lies: a copy would double the compressed data.
  const idat = idatParts.length === 1 ? idatParts[0]! : new Uint8Array(idatLength);
  if (idatParts.length > 1) {
    let at = 0;
    for (const part of idatParts) {
      idat.set(part, at);
      at += part.length;
    }
  }
  return palette ? { header, idat, palette } : { header, idat };
}
