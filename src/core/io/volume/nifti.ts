/**
 * NIfTI-1 and NIfTI-2 single-file images (`.nii`, `.nii.gz`): the header fields a mask needs (dimensions,
 * data type, voxel size and its unit, scaling), then the voxels in file order (x fastest).
 */
import { maskError, type DecodeOptions } from '../errors';
import { gzipBody, hasGzipMagic, inflateRaw, inflateRawPrefix, InflateError } from './inflate';
import { niftiFrame, type AffineRow } from './affine';
import { checkVoxels, shortestFloat32, toVolumeData } from './voxels';
import type { RawVolume } from './types';

/** NIfTI datatype codes → element type. */
const DATATYPES: Record<number, { type: ElementType; size: number }> = {
  2: { type: 'uint8', size: 1 },
  4: { type: 'int16', size: 2 },
  8: { type: 'int32', size: 4 },
  16: { type: 'float32', size: 4 },
  64: { type: 'float64', size: 8 },
  256: { type: 'int8', size: 1 },
  512: { type: 'uint16', size: 2 },
  768: { type: 'uint32', size: 4 },
  1024: { type: 'int64', size: 8 },
  1280: { type: 'uint64', size: 8 },
};
const UNSUPPORTED: Record<number, string> = { 1: 'single bits', 32: 'complex64', 128: 'RGB', 1536: 'float128', 1792: 'complex128', 2048: 'complex256', 2304: 'RGBA' };

export type ElementType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float32' | 'float64';

interface NiftiHeader {
  dims: number[];
  datatype: number;
  pixdim: number[];
  voxOffset: number;
  slope: number;
  inter: number;
  units: number;
  little: boolean;
  version: 1 | 2;
  qformCode: number;
  sformCode: number;
  /** quatern_b, c, d, then qoffset_x, y, z (file units). */
  quatern: number[];
  /** srow_x, srow_y, srow_z (file units). */
  srow: number[][];
}

const MIN_HEADER = 348;

export function isNiftiHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = v.getInt32(0, true);
  const b = v.getInt32(0, false);
  return n === 348 || b === 348 || n === 540 || b === 540;
}

function readHeader(h: Uint8Array, name: string): NiftiHeader {
  if (h.length < MIN_HEADER || !isNiftiHeader(h)) throw maskError('bad-volume', name, 'not a NIfTI file (header size is not 348 or 540)');
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const size = v.getInt32(0, true);
  const little = size === 348 || size === 540;
  const version = (little ? size : v.getInt32(0, false)) === 348 ? 1 : 2;
  const ascii = (a: number, n: number) => String.fromCharCode(...h.subarray(a, a + n));
  if (version === 1) {
    const magic = ascii(344, 4);
    const f32 = (at: number) => shortestFloat32(v.getFloat32(at, little));
    if (magic === 'ni1\0') throw maskError('bad-volume', name, 'a NIfTI header/image pair (.hdr/.img) is not supported; save it as a single .nii or .nii.gz');
    if (magic !== 'n+1\0') throw maskError('bad-volume', name, `not a NIfTI-1 file (magic ${JSON.stringify(magic)})`);
    return {
      version,
      little,
      dims: Array.from({ length: 8 }, (_, k) => v.getInt16(40 + 2 * k, little)),
      datatype: v.getInt16(70, little),
      pixdim: Array.from({ length: 8 }, (_, k) => shortestFloat32(v.getFloat32(76 + 4 * k, little))),
      voxOffset: v.getFloat32(108, little),
      slope: v.getFloat32(112, little),
      inter: v.getFloat32(116, little),
      units: h[123]! & 7,
      qformCode: v.getInt16(252, little),
      sformCode: v.getInt16(254, little),
      quatern: Array.from({ length: 6 }, (_, k) => f32(256 + 4 * k)),
      srow: [0, 1, 2].map((r) => Array.from({ length: 4 }, (_, k) => f32(280 + 16 * r + 4 * k))),
    };
  }
  if (h.length < 540) throw maskError('bad-volume', name, 'truncated NIfTI-2 header');
  const magic = ascii(4, 4);
  if (magic !== 'n+2\0') throw maskError('bad-volume', name, `not a single-file NIfTI-2 image (magic ${JSON.stringify(magic)})`);
  return {
    version,
    little,
    dims: Array.from({ length: 8 }, (_, k) => Number(v.getBigInt64(16 + 8 * k, little))),
    datatype: v.getInt16(12, little),
    pixdim: Array.from({ length: 8 }, (_, k) => v.getFloat64(104 + 8 * k, little)),
    voxOffset: Number(v.getBigInt64(168, little)),
    slope: v.getFloat64(176, little),
    inter: v.getFloat64(184, little),
    units: v.getInt32(500, little) & 7,
    qformCode: v.getInt32(344, little),
    sformCode: v.getInt32(348, little),
    quatern: Array.from({ length: 6 }, (_, k) => v.getFloat64(352 + 8 * k, little)),
    srow: [0, 1, 2].map((r) => Array.from({ length: 4 }, (_, k) => v.getFloat64(400 + 32 * r + 8 * k, little))),
  };
}

/** Millimetres per unit of NIfTI's xyzt_units (0 = unknown, taken as mm). */
const MM_PER_UNIT: Record<number, number> = { 0: 1, 1: 1000, 2: 1, 3: 0.001 };

/**
 * Decodes a `.nii` or `.nii.gz` (by content: gzip magic means compressed). Refuses a 4-D image with more
 * than one volume, an unsupported data type, and a truncated file, each as one line naming the file.
 */
export function decodeNifti(bytes: Uint8Array, name: string, opts: DecodeOptions): RawVolume {
  if (bytes.length === 0) throw maskError('empty-file', name, 'empty file');
  const gz = hasGzipMagic(bytes);
  let body: Uint8Array = bytes;
  let headerBytes = bytes;
  try {
    if (gz) {
      body = gzipBody(bytes);
      headerBytes = inflateRawPrefix(body, 540);
    }
  } catch (e) {
    throw maskError('bad-volume', name, `corrupt .nii.gz (${(e as Error).message})`);
  }
  if (headerBytes.length < MIN_HEADER) {
    throw maskError('bad-volume', name, isNiftiHeader(headerBytes) || headerBytes.length < 4 ? 'truncated NIfTI file (ends inside the header)' : 'not a NIfTI file');
  }
  const hdr = readHeader(headerBytes, name);
  const nd = hdr.dims[0]!;
  if (nd < 1 || nd > 7) throw maskError('bad-volume', name, `corrupt NIfTI header (dim[0] = ${nd})`);
  const dims = hdr.dims.slice(1, nd + 1);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 1)) throw maskError('bad-volume', name, `corrupt NIfTI header (dimensions ${dims.join('x')})`);
  const extra = dims.slice(3).reduce((a, b) => a * b, 1);
  if (extra > 1) {
    throw maskError('unsupported-shape', name, `${nd}-D image (${dims.join('x')}) with ${extra} volumes; a mask must be one 3-D volume (split the time/channel axis first)`);
  }
  const [X = 1, Y = 1, Z = 1] = dims;
  checkVoxels(name, [X, Y, Z], opts);
  const dt = DATATYPES[hdr.datatype];
  if (!dt) {
    const what = UNSUPPORTED[hdr.datatype];
    throw maskError('unsupported-dtype', name, `unsupported NIfTI data type ${hdr.datatype}${what ? ` (${what})` : ''}; label maps must be integers, probabilities floats`);
  }
  const offset = Math.max(Math.floor(hdr.voxOffset), hdr.version === 1 ? 352 : 544);
  const needed = X * Y * Z * dt.size;
  let raw: Uint8Array;
  if (gz) {
    try {
      raw = inflateRaw(body, offset + needed, opts);
    } catch (e) {
      const why = e instanceof InflateError || e instanceof Error ? e.message : String(e);
      throw maskError('bad-volume', name, `corrupt .nii.gz (${why})`);
    }
  } else raw = bytes;
  if (raw.length < offset + needed) {
    const got = Math.max(0, raw.length - offset);
    throw maskError('bad-volume', name, `truncated NIfTI${gz ? ' (.nii.gz)' : ''}: ${X}x${Y}x${Z} ${dt.type} needs ${needed} bytes of voxel data, file has ${got}`);
  }
  const warnings: string[] = [];
  let data = toVolumeData(raw.subarray(offset, offset + needed), dt.type, hdr.little, name);
  let integer = !dt.type.startsWith('float');
  // scl_slope = 0 means "no scaling"; (1, 0) is the identity.
  if (hdr.slope !== 0 && Number.isFinite(hdr.slope) && Number.isFinite(hdr.inter) && (hdr.slope !== 1 || hdr.inter !== 0)) {
    const scaled = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) scaled[i] = data[i]! * hdr.slope + hdr.inter;
    data = scaled;
    integer = Number.isInteger(hdr.slope) && Number.isInteger(hdr.inter) && integer;
  }
  const mm = MM_PER_UNIT[hdr.units] ?? 1;
  const spacing = [1, 2, 3].map((k) => {
    const s = Math.abs(hdr.pixdim[k] ?? 1);
    return k <= nd && s > 0 && Number.isFinite(s) ? s * mm : 1;
  }) as [number, number, number];
  if ([1, 2, 3].some((k) => k <= nd && !(Math.abs(hdr.pixdim[k] ?? 0) > 0))) warnings.push(`${name}: voxel size (pixdim) missing; taken as 1 mm`);
  const world = niftiFrame({
    qformCode: hdr.qformCode,
    sformCode: hdr.sformCode,
    quatern: hdr.quatern.slice(0, 3) as [number, number, number],
    qoffset: hdr.quatern.slice(3).map((q) => q * mm) as [number, number, number],
    qfac: hdr.pixdim[0]!,
    srow: hdr.srow.map((r) => r.map((q) => q * mm)) as [AffineRow, AffineRow, AffineRow],
    spacing,
  });
  return { dims: [X, Y, Z], channels: 1, data, integer, spacing, world, warnings };
}
