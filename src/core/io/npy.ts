import { maskError, type DecodeOptions } from './errors';
import { readNpyHeader, type NpyHeader } from './npyHeader';

export type NpyDtype = 'bool' | 'uint8' | 'uint16' | 'float16' | 'float32' | 'float64';

/** A decoded .npy array in C (row-major) order; float16 is widened to float32. */
export interface RawArray {
  /** Shape with leading size-1 axes dropped down to 3 dimensions ([1,3,H,W] -> [3,H,W]). */
  shape: number[];
  dtype: NpyDtype;
  data: Float32Array | Float64Array | Uint8Array | Uint16Array;
}

const DTYPES: Record<string, { dtype: NpyDtype; size: number }> = {
  b1: { dtype: 'bool', size: 1 },
  u1: { dtype: 'uint8', size: 1 },
  u2: { dtype: 'uint16', size: 2 },
  f2: { dtype: 'float16', size: 2 },
  f4: { dtype: 'float32', size: 4 },
  f8: { dtype: 'float64', size: 8 },
};

const HINTS: Record<string, string> = {
  i: 'signed integers; save label maps as uint8 or uint16 (arr.astype(np.uint8))',
  u: 'save label maps as uint8 or uint16',
  c: 'complex numbers',
  O: 'Python objects',
  U: 'strings',
  S: 'bytes',
  M: 'dates',
  m: 'time deltas',
  V: 'raw bytes',
};

/** An .npy array may describe its channels on any axis, so "pixels" are its two largest axes. */
const MAX_NPY_CHANNELS = 1024;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Reorders a Fortran-order (column-major) array to C order. */
function fortranToC<T extends Float32Array | Float64Array | Uint8Array | Uint16Array>(src: T, shape: number[]): T {
  const n = shape.length;
  const out = new (src.constructor as new (length: number) => T)(src.length);
  const fStride = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  const index = new Array<number>(n).fill(0);
  for (let c = 0; c < src.length; c++) {
    let f = 0;
    for (let k = 0; k < n; k++) f += index[k]! * fStride[k]!;
    out[c] = src[f]!;
    for (let k = n - 1; k >= 0; k--) {
      if (++index[k]! < shape[k]!) break;
      index[k] = 0;
    }
  }
  return out;
}

function describeShape(shape: number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** The element type of an .npy header, or a one-line error with a hint. */
function dtypeOf(descr: string, name: string): { dtype: NpyDtype; size: number } {
  const order = descr[0];
  const key = /^[<>|=]/.test(descr) ? descr.slice(1) : descr;
  const info = DTYPES[key];
  if (!info || (info.size > 1 && order === '|')) {
    const hint = HINTS[key[0] ?? ''];
    throw maskError('unsupported-dtype', name, `unsupported dtype '${descr}'${hint ? ` (${hint})` : ''}`);
  }
  return info;
}

/**
 * Decodes an .npy file (format 1.0, 2.0, 3.0) holding a 2-D or 3-D array of bool, uint8, uint16,
 * float16, float32 or float64, either byte order, C or Fortran order. The size limit is checked from
 * the header, before the data is copied.
 */
export function decodeNpy(bytes: Uint8Array, name: string, opts: DecodeOptions): RawArray {
  const header = readNpyHeader(bytes, name);
  const info = dtypeOf(header.descr, name);

  let shape = header.shape;
  while (shape.length > 3 && shape[0] === 1) shape = shape.slice(1);
  if (shape.length < 2 || shape.length > 3) {
    throw maskError('unsupported-shape', name, `unsupported shape ${describeShape(header.shape)}: expected (H, W), (C, H, W) or (H, W, C)`);
  }
  if (shape.some((d) => d === 0)) throw maskError('unsupported-shape', name, `empty array, shape ${describeShape(header.shape)}`);
  const [a, b] = [...shape].sort((x, y) => y - x) as [number, number];
  const elements = shape.reduce((p, d) => p * d, 1);
  if (a * b > opts.maxPixels) {
    throw maskError('too-large', name, `array of shape ${describeShape(header.shape)} has ${a * b} pixels, more than the limit of ${opts.maxPixels}`);
  }
  if (elements / (a * b) > MAX_NPY_CHANNELS) {
    throw maskError('too-large', name, `array of shape ${describeShape(header.shape)} has more than ${MAX_NPY_CHANNELS} channels`);
  }
  return { shape, dtype: info.dtype, data: npyData(bytes, name, header, info, shape) };
}

/**
 * An .npy array of any shape (a volume's [X,Y,Z] or [C,X,Y,Z]); `check` sees the shape first and throws
 * to refuse it, before the data is copied.
 */
export function decodeNpyShaped(bytes: Uint8Array, name: string, check: (shape: number[]) => number[]): RawArray {
  const header = readNpyHeader(bytes, name);
  const info = dtypeOf(header.descr, name);
  const shape = check(header.shape);
  return { shape, dtype: info.dtype, data: npyData(bytes, name, header, info, shape) };
}

/** The array data of an .npy in C order, in a buffer of its own and the host's byte order. */
function npyData(bytes: Uint8Array, name: string, header: NpyHeader, info: { dtype: NpyDtype; size: number }, shape: number[]): RawArray['data'] {
  const { descr, fortranOrder } = header;
  const order = descr[0];
  const elements = shape.reduce((p, d) => p * d, 1);
  const byteLength = elements * info.size;
  const available = bytes.length - header.dataOffset;
  if (available < byteLength) {
    throw maskError('bad-npy', name, `truncated .npy: shape ${describeShape(header.shape)} '${descr}' needs ${byteLength} bytes of data, file has ${available}`);
  }
  const fileLittle = order !== '>' && !(order === '=' && !HOST_LITTLE_ENDIAN);
  const swap = info.size > 1 && fileLittle !== HOST_LITTLE_ENDIAN;
  // Floats are read in place where they can be (aligned, host order, C order): the readers copy them
  // into the probabilities they keep and never write to them, and a copy of a large array costs more
  // than its decoding. Else a copy into an aligned buffer of its own, swapped to the host's order.
  const at = bytes.byteOffset + header.dataOffset;
  const inPlace = (info.dtype === 'float32' || info.dtype === 'float64') && !swap && !fortranOrder && at % info.size === 0;
  const raw = inPlace ? new Uint8Array(bytes.buffer, at, byteLength) : new Uint8Array(bytes.subarray(header.dataOffset, header.dataOffset + byteLength));
  if (swap) {
    for (let i = 0; i < raw.length; i += info.size) raw.subarray(i, i + info.size).reverse();
  }
  let data: RawArray['data'];
  switch (info.dtype) {
    case 'bool':
    case 'uint8':
      data = raw;
      break;
    case 'uint16':
      data = new Uint16Array(raw.buffer);
      break;
    case 'float16': {
      const half = new Uint16Array(raw.buffer);
      data = Float32Array.from(half, halfToFloat);
      break;
    }
    case 'float32':
      data = new Float32Array(raw.buffer, raw.byteOffset, elements);
      break;
    case 'float64':
      data = new Float64Array(raw.buffer, raw.byteOffset, elements);
      break;
  }
  if (info.dtype === 'bool') {
    for (let i = 0; i < data.length; i++) data[i] = data[i] ? 1 : 0;
  }
  if (fortranOrder) data = fortranToC(data, shape);
  return data;
}
