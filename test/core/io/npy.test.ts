import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../../src/core/io/npy';
import { MaskError } from '../../../src/core/types';
import { encodeNpy } from './npyWriter';

const opts = { maxPixels: 1e7 };

function expectMaskError(fn: () => unknown, code: string, name: string, text?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(MaskError);
  expect((err as MaskError).code).toBe(code);
  expect((err as MaskError).message).toContain(name);
  if (text) expect((err as MaskError).message).toMatch(text);
}

/** Values that fit every dtype under test, in C order. */
function values(count: number, descr: string): number[] {
  const kind = descr[1];
  return Array.from({ length: count }, (_, i) => {
    if (kind === 'b') return i % 3 === 0 ? 1 : 0;
    if (kind === 'f') return descr.endsWith('2') ? (i % 9) / 8 : ((i * 37) % 101) / 100 + 1e-3 * (i % 7);
    return descr.endsWith('2') ? (i * 997) % 65536 : (i * 7) % 256;
  });
}

const DTYPES = [
  ['|b1', 'bool', Uint8Array],
  ['|u1', 'uint8', Uint8Array],
  ['<u2', 'uint16', Uint16Array],
  ['>u2', 'uint16', Uint16Array],
  ['<f2', 'float16', Float32Array],
  ['>f2', 'float16', Float32Array],
  ['<f4', 'float32', Float32Array],
  ['>f4', 'float32', Float32Array],
  ['<f8', 'float64', Float64Array],
  ['>f8', 'float64', Float64Array],
] as const;

const SHAPES = [
  [5, 7],
  [3, 5, 7],
  [5, 7, 2],
];

describe('decodeNpy', () => {
  for (const [descr, dtype, ArrayType] of DTYPES) {
    for (const fortranOrder of [false, true]) {
      it(`${descr} ${fortranOrder ? 'Fortran' : 'C'} order`, () => {
        for (const shape of SHAPES) {
          const count = shape.reduce((a, b) => a * b, 1);
          const data = values(count, descr);
          const arr = decodeNpy(encodeNpy({ descr, shape, data, fortranOrder }), 'a.npy', opts);
          expect(arr.dtype).toBe(dtype);
          expect(arr.shape).toEqual(shape);
          expect(arr.data).toBeInstanceOf(ArrayType);
          const expected = descr.endsWith('f4') ? Array.from(Float32Array.from(data)) : data;
          expect(Array.from(arr.data)).toEqual(expected);
        }
      });
    }
  }

  it('reads format versions 1.0, 2.0 and 3.0', () => {
    for (const version of [1, 2, 3] as const) {
      const arr = decodeNpy(encodeNpy({ descr: '<f4', shape: [2, 3], data: [0, 0.5, 1, 0.25, 0.75, 1], version }), 'v.npy', opts);
      expect(Array.from(arr.data)).toEqual([0, 0.5, 1, 0.25, 0.75, 1]);
    }
  });

  it('normalises bool bytes to 0/1 and drops leading singleton axes', () => {
    const arr = decodeNpy(encodeNpy({ descr: '|b1', shape: [1, 1, 2, 2], data: [0, 7, 1, 0] }), 'b.npy', opts);
    expect(arr.shape).toEqual([1, 2, 2]);
    expect(Array.from(arr.data)).toEqual([0, 1, 1, 0]);
  });

  it('does not touch the caller bytes, even as a view into a shared buffer', () => {
    const file = encodeNpy({ descr: '>f4', shape: [2, 2], data: [0.1, 0.2, 0.3, 0.4] });
    const pool = new Uint8Array(file.length + 13);
    pool.set(file, 5);
    const view = pool.subarray(5, 5 + file.length);
    const before = Array.from(view);
    expect(Array.from(decodeNpy(view, 'p.npy', opts).data)).toEqual(Array.from(Float32Array.of(0.1, 0.2, 0.3, 0.4)));
    expect(Array.from(view)).toEqual(before);
    expect(Array.from(decodeNpy(Buffer.from(file), 'buf.npy', opts).data)).toEqual(Array.from(Float32Array.of(0.1, 0.2, 0.3, 0.4)));
  });

  it('refuses unsupported dtypes, naming them', () => {
    for (const descr of ['<i8', '<i4', '<c8', '|O', '<u4', '<U3']) {
      expectMaskError(() => decodeNpy(encodeNpy({ descr, shape: [2, 2], data: [] }), 'd.npy', opts), 'unsupported-dtype', 'd.npy', new RegExp(`'${descr.replace('|', '\\|')}'`));
    }
    const structured = encodeNpy({ descr: '<f4', shape: [2], data: [0, 0], headerText: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }" });
    expectMaskError(() => decodeNpy(structured, 's.npy', opts), 'unsupported-dtype', 's.npy', /structured/);
  });

  it('refuses bad files', () => {
    const good = encodeNpy({ descr: '<f4', shape: [4, 4], data: new Array(16).fill(0.5) });
    expectMaskError(() => decodeNpy(new Uint8Array(0), 'e.npy', opts), 'empty-file', 'e.npy');
    expectMaskError(() => decodeNpy(new TextEncoder().encode('hello world'), 't.npy', opts), 'bad-npy', 't.npy', /magic/);
    expectMaskError(() => decodeNpy(good.slice(0, good.length - 1), 'tr.npy', opts), 'bad-npy', 'tr.npy', /truncated .npy: shape \(4, 4\) '<f4' needs 64 bytes of data, file has 63/);
    expectMaskError(() => decodeNpy(good.slice(0, 40), 'h.npy', opts), 'bad-npy', 'h.npy', /inside the header/);
    expectMaskError(() => decodeNpy(good.slice(0, 8), 'h8.npy', opts), 'bad-npy', 'h8.npy', /inside the header/);
    const v9 = good.slice();
    v9[6] = 9;
    expectMaskError(() => decodeNpy(v9, 'v.npy', opts), 'bad-npy', 'v.npy', /version 9/);
    const noShape = encodeNpy({ descr: '<f4', shape: [1], data: [0], headerText: "{'descr': '<f4', 'fortran_order': False}" });
    expectMaskError(() => decodeNpy(noShape, 'n.npy', opts), 'bad-npy', 'n.npy', /missing/);
  });

  it('refuses unsupported shapes', () => {
    expectMaskError(() => decodeNpy(encodeNpy({ descr: '<f4', shape: [6], data: new Array(6).fill(0) }), 'a.npy', opts), 'unsupported-shape', 'a.npy', /\(6,\)/);
    expectMaskError(() => decodeNpy(encodeNpy({ descr: '<f4', shape: [2, 2, 2, 2], data: new Array(16).fill(0) }), 'b.npy', opts), 'unsupported-shape', 'b.npy');
    expectMaskError(() => decodeNpy(encodeNpy({ descr: '<f4', shape: [0, 5], data: [] }), 'c.npy', opts), 'unsupported-shape', 'c.npy', /empty/);
  });

  it('checks the size limit from the header, before reading data', () => {
    // Header only: claims a huge array, carries no data at all.
    const huge = encodeNpy({ descr: '<f4', shape: [3, 100000, 100000], data: [] });
    expectMaskError(() => decodeNpy(huge, 'big.npy', opts), 'too-large', 'big.npy', /\(3, 100000, 100000\)/);
    const channels = encodeNpy({ descr: '|u1', shape: [1100, 1100, 1100], data: [] });
    expectMaskError(() => decodeNpy(channels, 'ch.npy', opts), 'too-large', 'ch.npy', /channels/);
  });
});
