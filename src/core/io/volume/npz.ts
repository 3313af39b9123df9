/**
 * `.npz` archives (a zip of `.npy` files, stored or deflated, zip64 as numpy writes them): the
 * prediction is the array under `probabilities` (nnU-Net v2) or `softmax` (older nnU-Net).
 */
import { maskError, type DecodeOptions } from '../errors';
import { inflateRaw, inflateRawPrefix } from './inflate';

export const NPZ_KEYS = ['probabilities', 'softmax'] as const;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function entries(bytes: Uint8Array, name: string): Entry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw maskError('bad-volume', name, 'not a complete .npz (zip) archive: no central directory (truncated?)');
  let count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  // Zip64: the real values are in the zip64 end record, found through its locator just before.
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
    const rec = Number(v.getBigUint64(eocd - 12, true));
    if (rec + 56 <= bytes.length && v.getUint32(rec, true) === 0x06064b50) {
      count = Number(v.getBigUint64(rec + 32, true));
      at = Number(v.getBigUint64(rec + 48, true));
    }
  }
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) throw maskError('bad-volume', name, 'corrupt .npz (zip central directory)');
    const method = v.getUint16(at + 10, true);
    let compressed = v.getUint32(at + 20, true);
    let size = v.getUint32(at + 24, true);
    const nameLen = v.getUint16(at + 28, true);
    const extraLen = v.getUint16(at + 30, true);
    const commentLen = v.getUint16(at + 32, true);
    let local = v.getUint32(at + 42, true);
    const entryName = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // Zip64 extra field: the 64-bit values of whichever fields are 0xffffffff, in this order.
    for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; ) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff) (size = Number(v.getBigUint64(p, true))), (p += 8);
        if (compressed === 0xffffffff) (compressed = Number(v.getBigUint64(p, true))), (p += 8);
        if (local === 0xffffffff) local = Number(v.getBigUint64(p, true));
      }
      e += 4 + len;
    }
    out.push({ name: entryName, method, compressed, size, local });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The .npy bytes of the prediction in an .npz, and the key it was found under. */
export function npzPrediction(bytes: Uint8Array, name: string, opts: DecodeOptions, checkHeader: (npyHead: Uint8Array) => void): { key: string; npy: Uint8Array } {
  if (bytes.length === 0) throw maskError('empty-file', name, 'empty file');
  if (!hasZipMagic(bytes)) throw maskError('bad-volume', name, 'not an .npz file (no zip signature)');
  const all = entries(bytes, name);
  const arrays = all.map((e) => e.name.replace(/\.npy$/, ''));
  const key = NPZ_KEYS.find((k) => arrays.includes(k));
  if (!key) {
    throw maskError('bad-volume', name, `.npz holds ${arrays.length ? arrays.map((a) => `'${a}'`).join(', ') : 'no arrays'} but no ${NPZ_KEYS.map((k) => `'${k}'`).join(' or ')} array (nnU-Net's class probabilities)`);
  }
  const e = all[arrays.indexOf(key)]!;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.local + 30 > bytes.length || v.getUint32(e.local, true) !== 0x04034b50) throw maskError('bad-volume', name, `corrupt .npz (entry '${e.name}')`);
  const start = e.local + 30 + v.getUint16(e.local + 26, true) + v.getUint16(e.local + 28, true);
  const data = bytes.subarray(start, start + e.compressed);
  if (data.length < e.compressed) throw maskError('bad-volume', name, `truncated .npz: entry '${e.name}' needs ${e.compressed} bytes, file has ${data.length}`);
  if (e.method !== 0 && e.method !== 8) throw maskError('bad-volume', name, `unsupported zip compression method ${e.method} for '${e.name}'`);
  // The array's shape is checked from its .npy header before the entry is inflated.
  let head: Uint8Array;
  try {
    head = e.method === 0 ? data.subarray(0, 4096) : inflateRawPrefix(data, 4096);
  } catch (err) {
    throw maskError('bad-volume', name, `corrupt .npz entry '${e.name}' (${(err as Error).message})`);
  }
  checkHeader(head);
  if (e.method === 0) return { key, npy: data };
  let npy: Uint8Array;
  try {
    npy = inflateRaw(data, e.size, opts);
  } catch (err) {
    throw maskError('bad-volume', name, `corrupt .npz entry '${e.name}' (${(err as Error).message})`);
  }
  if (npy.length < e.size) throw maskError('bad-volume', name, `truncated .npz entry '${e.name}' (${npy.length} of ${e.size} bytes)`);
  return { key, npy };
}
