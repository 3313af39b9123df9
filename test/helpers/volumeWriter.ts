/**
 * Writers of NIfTI-1/2, NRRD and .npz files for tests, independent of the readers under test: headers laid
 * out field by field from the specifications, gzip and deflate from node:zlib.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import { encodeNpy } from '../core/io/npyWriter';

export type VoxelType = 'uint8' | 'int16' | 'uint16' | 'int32' | 'float32' | 'float64' | 'int64';

const NIFTI_CODES: Record<VoxelType, [number, number]> = {
  uint8: [2, 8],
  int16: [4, 16],
  int32: [8, 32],
  float32: [16, 32],
  float64: [64, 64],
  uint16: [512, 16],
  int64: [1024, 64],
};

function voxelBytes(type: VoxelType, values: ArrayLike<number>, little = true): Uint8Array {
  const size = NIFTI_CODES[type][1] / 8;
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const at = i * size;
    if (type === 'uint8') v.setUint8(at, x);
    else if (type === 'int16') v.setInt16(at, x, little);
    else if (type === 'uint16') v.setUint16(at, x, little);
    else if (type === 'int32') v.setInt32(at, x, little);
    else if (type === 'float32') v.setFloat32(at, x, little);
    else if (type === 'float64') v.setFloat64(at, x, little);
    else v.setBigInt64(at, BigInt(x), little);
  }
  return out;
}

export interface VolumeSpec {
  /** Voxels along x, y, z (and more axes for error tests); `values` x fastest. */
  dims: number[];
  values: ArrayLike<number>;
  type: VoxelType;
  spacing?: [number, number, number];
  slope?: number;
  inter?: number;
  /** xyzt_units: 1 m, 2 mm (default), 3 µm. */
  units?: number;
  version?: 1 | 2;
  bigEndian?: boolean;
  gzip?: boolean;
  /** NIfTI qform: code (default 1), quatern_b/c/d, qoffset_x/y/z, and qfac (pixdim[0], default 1). */
  qform?: { code?: number; quatern: [number, number, number]; offset: [number, number, number]; qfac?: 1 | -1 };
  /** NIfTI sform: code (default 1) and srow_x, srow_y, srow_z. */
  sform?: { code?: number; rows: number[][] };
}

/** A single-file NIfTI-1 (348-byte header, data at 352) or NIfTI-2 (540, data at 544). */
export function niftiFile(s: VolumeSpec): Uint8Array {
  const little = !s.bigEndian;
  const [code, bitpix] = NIFTI_CODES[s.type];
  const sp = s.spacing ?? [1, 1, 1];
  const v2 = s.version === 2;
  const header = new Uint8Array(v2 ? 544 : 352);
  const h = new DataView(header.buffer);
  if (!v2) {
    h.setInt32(0, 348, little);
    h.setInt16(40, s.dims.length, little);
    s.dims.forEach((d, k) => h.setInt16(42 + 2 * k, d, little));
    h.setInt16(70, code, little);
    h.setInt16(72, bitpix, little);
    [s.qform?.qfac ?? 1, ...sp].forEach((p, k) => h.setFloat32(76 + 4 * k, p, little));
    h.setFloat32(108, 352, little);
    h.setFloat32(112, s.slope ?? 1, little);
    h.setFloat32(116, s.inter ?? 0, little);
    header[123] = s.units ?? 2;
    if (s.qform) {
      h.setInt16(252, s.qform.code ?? 1, little);
      [...s.qform.quatern, ...s.qform.offset].forEach((q, k) => h.setFloat32(256 + 4 * k, q, little));
    }
    if (s.sform) {
      h.setInt16(254, s.sform.code ?? 1, little);
      s.sform.rows.forEach((r, i) => r.forEach((q, k) => h.setFloat32(280 + 16 * i + 4 * k, q, little)));
    }
    header.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  } else {
    h.setInt32(0, 540, little);
    header.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4); // "n+2\0\r\n\032\n"
    h.setInt16(12, code, little);
    h.setInt16(14, bitpix, little);
    h.setBigInt64(16, BigInt(s.dims.length), little);
    s.dims.forEach((d, k) => h.setBigInt64(24 + 8 * k, BigInt(d), little));
    [s.qform?.qfac ?? 1, ...sp].forEach((p, k) => h.setFloat64(104 + 8 * k, p, little));
    h.setBigInt64(168, 544n, little);
    h.setFloat64(176, s.slope ?? 1, little);
    h.setFloat64(184, s.inter ?? 0, little);
    h.setInt32(500, s.units ?? 2, little);
    if (s.qform) {
      h.setInt32(344, s.qform.code ?? 1, little);
      [...s.qform.quatern, ...s.qform.offset].forEach((q, k) => h.setFloat64(352 + 8 * k, q, little));
    }
    if (s.sform) {
      h.setInt32(348, s.sform.code ?? 1, little);
      s.sform.rows.forEach((r, i) => r.forEach((q, k) => h.setFloat64(400 + 32 * i + 8 * k, q, little)));
    }
  }
  const data = voxelBytes(s.type, s.values, little);
  const file = new Uint8Array(header.length + data.length);
  file.set(header);
  file.set(data, header.length);
  return s.gzip ? new Uint8Array(gzipSync(file)) : file;
}

const NRRD_TYPES: Record<VoxelType, string> = {
  uint8: 'uchar', int16: 'short', uint16: 'ushort', int32: 'int', float32: 'float', float64: 'double', int64: 'int64',
};

/**
 * An attached-header NRRD with `space directions` (the spacing's diagonal, or `directions`) in `space`
 * (default left-posterior-superior) from `origin` (default 0), or `spacings` when `useSpacings`.
 */
export function nrrdFile(s: VolumeSpec & { useSpacings?: boolean; extraHeader?: string[]; space?: string; origin?: number[]; directions?: number[][] }): Uint8Array {
  const sp = s.spacing ?? [1, 1, 1];
  const directions = s.directions ?? sp.map((d, k) => [0, 1, 2].map((j) => (j === k ? d : 0)));
  const lines = [
    'NRRD0004',
    '# written by the test helper',
    `type: ${NRRD_TYPES[s.type]}`,
    `dimension: ${s.dims.length}`,
    `space: ${s.space ?? 'left-posterior-superior'}`,
    `sizes: ${s.dims.join(' ')}`,
    s.useSpacings ? `spacings: ${sp.join(' ')}` : `space directions: ${directions.map((d) => `(${d.join(',')})`).join(' ')}`,
    `kinds: ${s.dims.map(() => 'domain').join(' ')}`,
    `endian: ${s.bigEndian ? 'big' : 'little'}`,
    `encoding: ${s.gzip ? 'gzip' : 'raw'}`,
    `space origin: (${(s.origin ?? [0, 0, 0]).join(',')})`,
    ...(s.extraHeader ?? []),
  ];
  const header = new TextEncoder().encode(lines.join('\n') + '\n\n');
  const raw = voxelBytes(s.type, s.values, !s.bigEndian);
  const data = s.gzip ? new Uint8Array(gzipSync(raw)) : raw;
  const file = new Uint8Array(header.length + data.length);
  file.set(header);
  file.set(data, header.length);
  return file;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of named .npy arrays as np.savez (stored) or np.savez_compressed (deflated) write it. */
export function npzFile(arrays: Record<string, { shape: number[]; data: ArrayLike<number>; descr?: string }>, compressed = true): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [key, a] of Object.entries(arrays)) {
    const npy = encodeNpy({ descr: a.descr ?? '<f4', shape: a.shape, data: a.data });
    const body = compressed ? new Uint8Array(deflateRawSync(npy)) : npy;
    const name = new TextEncoder().encode(`${key}.npy`);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, compressed ? 8 : 0, true);
    l.setUint32(14, crc32(npy), true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, npy.length, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, compressed ? 8 : 0, true);
    cv.setUint32(16, crc32(npy), true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, npy.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    parts.push(local, body);
    central.push(c);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, central.length, true);
  e.setUint16(10, central.length, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) (out.set(p, at), (at += p.length));
  return out;
}

/** Values x fastest of a function of (x, y, z). */
export function volumeValues(dims: [number, number, number], f: (x: number, y: number, z: number) => number): number[] {
  const [X, Y, Z] = dims;
  const out: number[] = [];
  for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) out.push(f(x, y, z));
  return out;
}

/** The same values as a C-order array of shape [Z, Y, X] (SimpleITK) or [X, Y, Z] (nibabel). */
export function reorder(values: ArrayLike<number>, dims: [number, number, number], order: 'zyx' | 'xyz'): number[] {
  if (order === 'zyx') return Array.from(values);
  const [X, Y, Z] = dims;
  const out: number[] = new Array(values.length);
  for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) out[(x * Y + y) * Z + z] = values[x + X * (y + Y * z)]!;
  return out;
}
