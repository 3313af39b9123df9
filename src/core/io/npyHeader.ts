import { maskError } from './errors';

/** The three fields of an .npy header dict that matter to us. */
export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const; // \x93NUMPY

export function hasNpyMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && NPY_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Reads the magic, version (1.0: 2-byte header length; 2.0 and 3.0: 4-byte, 3.0 UTF-8) and the header,
 * a Python dict literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 80, 120), }`.
 * Parsed with patterns rather than eval: only these three keys and literal forms are ever written by numpy.
 */
export function readNpyHeader(bytes: Uint8Array, name: string): NpyHeader {
  if (bytes.length === 0) throw maskError('empty-file', name, 'empty file');
  if (!hasNpyMagic(bytes)) throw maskError('bad-npy', name, 'not a NumPy .npy file (no \\x93NUMPY magic)');
  if (bytes.length < 10) throw maskError('bad-npy', name, 'truncated .npy (ends inside the header)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw maskError('bad-npy', name, 'truncated .npy (ends inside the header)');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw maskError('bad-npy', name, `unsupported .npy format version ${major}.${bytes[7]}`);
  }
  const dataOffset = headerStart + headerLength;
  if (dataOffset > bytes.length) throw maskError('bad-npy', name, 'truncated .npy (ends inside the header)');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataOffset));

  const descrList = /['"]descr['"]\s*:\s*\[/.test(text);
  if (descrList) throw maskError('unsupported-dtype', name, 'unsupported dtype: a structured (record) array');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw maskError('bad-npy', name, 'corrupt .npy header (missing descr, fortran_order or shape)');
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim().replace(/L$/, '')) // Python 2 wrote longs as 3L
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw maskError('bad-npy', name, `corrupt .npy header (shape (${shapeText}))`);
  }
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset };
}
