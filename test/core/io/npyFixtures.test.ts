import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../../src/core/io/npy';
import { MaskError } from '../../../src/core/types';
import { encodeNpy } from './npyWriter';

/** Files written by real numpy (test/fixtures/io/make_npy.py). */
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/io/${name}`, import.meta.url)));
const opts = { maxPixels: 1e6 };
const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('numpy-written fixtures', () => {
  it('float32 (2,3,4) in Fortran order and in format 2.0 / 3.0', () => {
    const expected = Array.from(Float32Array.from(range(24, (i) => i / 24)));
    for (const name of ['f4-chw-fortran.npy', 'f4-chw-v2.npy', 'f4-chw-v3.npy']) {
      const arr = decodeNpy(fixture(name), name, opts);
      expect(arr.shape).toEqual([2, 3, 4]);
      expect(Array.from(arr.data), name).toEqual(expected);
    }
  });

  it('big-endian uint16 and big-endian Fortran float64', () => {
    expect(Array.from(decodeNpy(fixture('u2-be.npy'), 'u2', opts).data)).toEqual(range(12, (i) => i * 1000));
    expect(Array.from(decodeNpy(fixture('f8-be-fortran.npy'), 'f8', opts).data)).toEqual(range(12, (i) => i / 11));
  });

  it('bool, uint8, float16 (H,W,C)', () => {
    expect(Array.from(decodeNpy(fixture('b1.npy'), 'b1', opts).data)).toEqual(range(12, (i) => (i % 3 === 0 ? 1 : 0)));
    expect(Array.from(decodeNpy(fixture('u1-hw.npy'), 'u1', opts).data)).toEqual(range(12, (i) => i * 20));
    const half = decodeNpy(fixture('f2-hwc.npy'), 'f2', opts);
    expect(half.shape).toEqual([3, 4, 2]);
    expect(Array.from(half.data)).toEqual(range(24, (i) => i / 32));
  });

  it('int64 is refused as unsupported-dtype', () => {
    expect(() => decodeNpy(fixture('i8.npy'), 'i8.npy', opts)).toThrow(MaskError);
    expect(() => decodeNpy(fixture('i8.npy'), 'i8.npy', opts)).toThrow(/i8.npy: unsupported dtype '<i8'/);
  });

  it('the test writer produces the same bytes as numpy', () => {
    const chw = Float32Array.from(range(24, (i) => i / 24));
    expect(encodeNpy({ descr: '<f4', shape: [2, 3, 4], data: chw, fortranOrder: true })).toEqual(fixture('f4-chw-fortran.npy'));
    expect(encodeNpy({ descr: '<f4', shape: [2, 3, 4], data: chw, version: 2 })).toEqual(fixture('f4-chw-v2.npy'));
    expect(encodeNpy({ descr: '>u2', shape: [3, 4], data: range(12, (i) => i * 1000) })).toEqual(fixture('u2-be.npy'));
  });
});
