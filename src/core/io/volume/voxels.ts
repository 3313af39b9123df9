import { maskError, type DecodeOptions } from '../errors';
import type { ElementType } from './nifti';
import type { VolumeData } from './types';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `--max-pixels` counts voxels: refused from the header, before anything large is allocated. */
export function checkVoxels(name: string, [x, y, z]: readonly [number, number, number], opts: DecodeOptions): void {
  const voxels = x * y * z;
  if (voxels > opts.maxPixels) {
    throw maskError('too-large', name, `volume is ${x}x${y}x${z} = ${voxels} voxels, more than the limit of ${opts.maxPixels}`);
  }
}

/** The shortest decimal that is the same float32 (a header's 0.8 stays 0.8, not 0.800000011920929). */
export function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

/**
 * Voxels of one element type in the host's byte order: a view of `bytes` when it can be, else an aligned
 * copy. The caller must not change them. 64-bit integers become float64 (exact up to 2^53, as any label).
 */
export function toVolumeData(bytes: Uint8Array, type: ElementType, little: boolean, name: string): VolumeData {
  const size = ELEMENT_SIZE[type];
  const swap = size > 1 && little !== HOST_LITTLE_ENDIAN;
  // A view when the data are aligned and in the host's order (a CT volume is hundreds of MB); else a copy.
  const view = !swap && bytes.byteOffset % size === 0;
  const raw = view ? bytes : new Uint8Array(bytes);
  if (swap) {
    for (let i = 0; i < raw.length; i += size) raw.subarray(i, i + size).reverse();
  }
  const b = raw.buffer;
  const at = raw.byteOffset;
  const n = raw.length / size;
  switch (type) {
    case 'int8':
      return new Int8Array(b, at, n);
    case 'uint8':
      return raw;
    case 'int16':
      return new Int16Array(b, at, n);
    case 'uint16':
      return new Uint16Array(b, at, n);
    case 'int32':
      return new Int32Array(b, at, n);
    case 'uint32':
      return new Uint32Array(b, at, n);
    case 'float32':
      return new Float32Array(b, at, n);
    case 'float64':
      return new Float64Array(b, at, n);
    case 'int64':
    case 'uint64': {
      const big = type === 'int64' ? new BigInt64Array(b, at, n) : new BigUint64Array(b, at, n);
      const out = new Float64Array(big.length);
      for (let i = 0; i < big.length; i++) {
        const v = big[i]!;
        if (v > 9007199254740991n || v < -9007199254740991n) throw maskError('not-a-mask', name, `value ${v} at voxel ${i} is too large for a label`);
        out[i] = Number(v);
      }
      return out;
    }
  }
}

export const ELEMENT_SIZE: Record<ElementType, number> = {
  int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8, float32: 4, float64: 8,
};
