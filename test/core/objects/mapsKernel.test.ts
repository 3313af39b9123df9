import { describe, expect, it } from 'vitest';
import { objectValueMaps } from '../../../src/core/objects/evaluate';
import { float32Below, mapsByKernel } from '../../../src/core/objects/mapsKernel';
import type { PairInput } from '../../../src/core/types';
import { rng } from '../../helpers/random';

/** A binary pair whose probabilities sit on, just above and just below the cut, and on 0 and 1. */
function pair(n: number, seed: number, cut: number, ignoreIndex?: number): PairInput {
  const r = rng(seed);
  const near = [Math.fround(cut), float32Below(cut), Math.fround(cut) + 2 ** -24, 0, 1];
  const labels = Uint8Array.from({ length: n }, () => (ignoreIndex !== undefined && r() < 0.1 ? ignoreIndex : r() < 0.4 ? 1 : 0));
  const prob = Float32Array.from({ length: n }, () => (r() < 0.3 ? near[Math.floor(r() * near.length)] : r()));
  return { width: n, height: 1, mode: 'binary', classes: 2, labels, prob, ...(ignoreIndex !== undefined && { ignoreIndex }), warnings: [] } as unknown as PairInput;
}

describe('the binary class maps in WebAssembly', () => {
  it('runs here (so the comparisons below are of the two implementations)', () => {
    expect(mapsByKernel(new Uint8Array(4), new Float32Array(4), 0.5, -1, new Uint8Array(4), new Uint8Array(4))).toBeDefined();
  });

  it('float32Below: the largest float32 not above x', () => {
    const nextUp = (f: number): number => {
      const bits = new Int32Array(new Float32Array([f]).buffer)[0];
      return new Float32Array(new Int32Array([f === 0 ? 1 : f > 0 ? bits + 1 : bits - 1]).buffer)[0];
    };
    for (const x of [0.5, 0.3, 0.7, 1e-8, 0, -0.3, 1, 0.1 + 0.2, -1e-50]) {
      const b = float32Below(x);
      expect(Math.fround(b), `${x}`).toBe(b);
      expect(b, `${x}`).toBeLessThanOrEqual(x);
      expect(nextUp(b), `${x}`).toBeGreaterThan(x);
    }
  });

  it.each([
    [0.5, undefined],
    [0.3, undefined],
    [0.7, 255],
    [1e-8, 0],
    [0.1 + 0.2, 1],
    [0.5, 300],
  ])('equals the TypeScript loop (cut %f, ignore index %s)', (cut, ignoreIndex) => {
    for (const n of [1, 15, 16, 17, 100, 4099]) {
      const input = pair(n, n * 7 + Math.round(cut * 100), cut, ignoreIndex !== undefined && ignoreIndex <= 255 ? ignoreIndex : undefined);
      if (ignoreIndex !== undefined) input.ignoreIndex = ignoreIndex;
      const a = objectValueMaps(input, cut);
      const b = objectValueMaps(input, cut, false);
      expect(Array.from(a.gt), `n ${n}`).toEqual(Array.from(b.gt));
      expect(Array.from(a.pred), `n ${n}`).toEqual(Array.from(b.pred));
      expect(Array.from(a.confusion), `n ${n}`).toEqual(Array.from(b.confusion));
    }
  });
});
