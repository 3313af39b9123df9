/**
 * NRRD (`.nrrd`, 3D Slicer's `.seg.nrrd`): a text header up to a blank line, then the voxels, raw or
 * gzip-encoded, first axis fastest. Voxel size from `space directions` (the length of each axis's
 * vector), else `spacings`; the voxel-to-world transform from `space`, `space origin` and `space directions`.
 */
import { maskError, type DecodeOptions } from '../errors';
import { gzipBody, inflateRaw } from './inflate';
import { nrrdFrame, type WorldFrame } from './affine';
import type { ElementType } from './nifti';
import type { RawVolume } from './types';
import { checkVoxels, ELEMENT_SIZE, toVolumeData } from './voxels';

const TYPES: Record<string, ElementType> = {};
const names: [ElementType, string[]][] = [
  ['int8', ['signed char', 'int8', 'int8_t']],
  ['uint8', ['uchar', 'unsigned char', 'uint8', 'uint8_t']],
  ['int16', ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t']],
  ['uint16', ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t']],
  ['int32', ['int', 'signed int', 'int32', 'int32_t']],
  ['uint32', ['uint', 'unsigned int', 'uint32', 'uint32_t']],
  ['int64', ['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t']],
  ['uint64', ['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t']],
  ['float32', ['float']],
  ['float64', ['double']],
];
for (const [t, ns] of names) for (const n of ns) TYPES[n] = t;

const MAGIC = 'NRRD000';

export function hasNrrdMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 7 && String.fromCharCode(...bytes.subarray(0, 7)) === MAGIC;
}

/** End of the header: the first empty line (LF or CRLF); -1 when there is none. */
function headerEnd(bytes: Uint8Array): { text: number; data: number } | null {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { text: i, data: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { text: i, data: i + 3 };
  }
  return null;
}

function vector(text: string): number[] | null {
  const m = /^\(([^)]*)\)$/.exec(text.trim());
  if (!m) return null;
  const v = m[1]!.split(',').map(Number);
  return v.some((x) => !Number.isFinite(x)) ? null : v;
}

export function decodeNrrd(bytes: Uint8Array, name: string, opts: DecodeOptions): RawVolume {
  if (bytes.length === 0) throw maskError('empty-file', name, 'empty file');
  if (!hasNrrdMagic(bytes)) throw maskError('bad-volume', name, 'not an NRRD file (no NRRD000x magic)');
  const end = headerEnd(bytes);
  if (!end) throw maskError('bad-volume', name, 'truncated NRRD (no blank line ends the header)');
  const fields = new Map<string, string>();
  const lines = new TextDecoder('latin1').decode(bytes.subarray(0, end.text)).split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (line.startsWith('#') || line.includes(':=')) continue; // comments and key/value pairs
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const need = (key: string): string => {
    const v = fields.get(key);
    if (v === undefined) throw maskError('bad-volume', name, `NRRD header lacks '${key}'`);
    return v;
  };
  if (fields.has('data file') || fields.has('datafile')) throw maskError('bad-volume', name, 'detached NRRD data (.nhdr) is not supported; save as a single .nrrd');
  const type = TYPES[need('type').toLowerCase()];
  if (!type) throw maskError('unsupported-dtype', name, `unsupported NRRD type '${need('type')}'`);
  const dimension = Number(need('dimension'));
  const sizes = need('sizes').split(/\s+/).map(Number);
  if (!Number.isInteger(dimension) || sizes.length !== dimension || sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) {
    throw maskError('bad-volume', name, `corrupt NRRD header (dimension ${fields.get('dimension')}, sizes ${fields.get('sizes')})`);
  }
  // A list/vector axis (one layer per segment in a .seg.nrrd with overlaps) or a 4-th axis is not one label map.
  const kinds = fields.get('kinds')?.split(/\s+/) ?? [];
  const domain = kinds.length ? kinds.map((k) => !/^(list|vector|covariant-vector|normal|rgb-color|rgba-color|complex|\d+-vector|time)/i.test(k)) : sizes.map(() => true);
  const spatial = sizes.filter((_, k) => domain[k] !== false);
  const other = sizes.filter((_, k) => domain[k] === false).reduce((a, b) => a * b, 1) * spatial.slice(3).reduce((a, b) => a * b, 1);
  if (other > 1 || spatial.length > 3 || spatial.length < 2) {
    throw maskError('unsupported-shape', name, `NRRD of sizes ${sizes.join('x')}${kinds.length ? ` (kinds ${kinds.join(' ')})` : ''}; a mask must be one 3-D label map or probability volume (a .seg.nrrd with overlapping segments is stored in layers: export it as a labelmap)`);
  }
  const [X = 1, Y = 1, Z = 1] = spatial;
  checkVoxels(name, [X, Y, Z], opts);

  const spacing: [number, number, number] = [1, 1, 1];
  const directions = fields.get('space directions');
  let world: WorldFrame | undefined;
  if (directions !== undefined) {
    const parts = directions.match(/\([^)]*\)|none/gi) ?? [];
    const vectors = parts.filter((p) => p.toLowerCase() !== 'none').slice(0, 3).map(vector);
    vectors.forEach((v, k) => {
      const len = v ? Math.hypot(...v) : 0;
      if (len > 0) spacing[k] = len;
    });
    const origin = fields.get('space origin');
    if (vectors.every((v) => v !== null)) world = nrrdFrame(fields.get('space'), origin === undefined ? undefined : (vector(origin) ?? undefined), vectors as number[][]);
  } else if (fields.has('spacings')) {
    fields.get('spacings')!.split(/\s+/).map(Number).filter((_, k) => domain[k] !== false).slice(0, 3).forEach((s, k) => {
      if (Number.isFinite(s) && s > 0) spacing[k] = s;
    });
  }

  const encoding = (fields.get('encoding') ?? 'raw').toLowerCase();
  const size = ELEMENT_SIZE[type];
  const needed = X * Y * Z * size;
  let data = bytes.subarray(end.data);
  const skip = Number(fields.get('byte skip') ?? 0);
  if (encoding === 'gzip' || encoding === 'gz') {
    try {
      data = inflateRaw(gzipBody(data), needed, opts);
    } catch (e) {
      throw maskError('bad-volume', name, `corrupt gzip-encoded NRRD (${(e as Error).message})`);
    }
  } else if (encoding === 'raw') {
    // byte skip -1: the data are the last bytes of the file.
    data = skip === -1 ? data.subarray(Math.max(0, data.length - needed)) : data.subarray(Math.max(0, skip));
  } else {
    throw maskError('bad-volume', name, `unsupported NRRD encoding '${encoding}' (raw and gzip are read)`);
  }
  if (data.length < needed) {
    throw maskError('bad-volume', name, `truncated NRRD: ${X}x${Y}x${Z} ${type} needs ${needed} bytes of voxel data, file has ${data.length}`);
  }
  const little = (fields.get('endian') ?? 'little').toLowerCase() !== 'big';
  const values = toVolumeData(data.subarray(0, needed), type, little, name);
  return { dims: [X, Y, Z], channels: 1, data: values, integer: !type.startsWith('float'), spacing, ...(world ? { world } : {}), warnings: [] };
}
