import { describe, expect, it } from 'vitest';
import { binaryLabelsByKernel, scaledByKernel } from '../../../src/core/io/decodeKernels';
import { binaryLabels } from '../../../src/core/io/labels';
import { scaled } from '../../../src/core/io/prediction';
import { rng } from '../../helpers/random';

describe('the decoding kernels in WebAssembly', () => {
  it.each([65535, 1, 3, 255, 1023, 4095])('scale every 16-bit value by %i as the TypeScript loop does, bit for bit', (scale) => {
    // Every value, and a length that leaves a tail after the vector steps.
    const values = Uint16Array.from({ length: 65539 }, (_, i) => i % 65536);
    const got = scaledByKernel(values, scale);
    expect(got).toBeDefined();
    const want = scaled(values, scale);
    const first = (got as Float32Array).findIndex((v, i) => !Object.is(v, want[i]));
    expect(first, `value ${values[first]}: ${got?.[first]} against ${want[first]}`).toBe(-1);
  });

  it.each([
    [255, -1],
    [1, 255],
    [7, 7],
    [255, 0],
    [3, 300],
  ])('binary labels of byte values (foreground %i, ignore index %i) as the TypeScript loop does', (fg, ignore) => {
    const r = rng(fg * 1000 + ignore);
    for (const n of [1, 15, 16, 17, 1000, 4099]) {
      const values = Uint8Array.from({ length: n }, () => [0, fg, ignore & 255, Math.floor(r() * 256)][Math.floor(r() * 4)]);
      const got = new Uint8Array(n);
      expect(binaryLabelsByKernel(values, fg, ignore, got)).toBe(true);
      const want = new Uint8Array(n);
      binaryLabels(values, fg, ignore < 0 ? NaN : ignore, want);
      expect(Array.from(got), `n ${n}`).toEqual(Array.from(want));
    }
  });
});
