import { describe, expect, it } from 'vitest';
import { fitScratch, kernelScratch } from '../../src/core/wasm/kernels';

const MIB = 1 << 20;

describe("the WebAssembly kernels' memory", () => {
  it('grows as a call needs, is kept for pairs as large, and let go before a smaller pair', () => {
    // A binary pair's maps of a 3500² pair: more than is kept between pairs of other sizes.
    const n = 3500 * 3500;
    const big = kernelScratch({ labels: n, prob: 4 * n, gt: n, pred: n });
    expect(big?.buffer.byteLength).toBeGreaterThanOrEqual(7 * n);
    // Another pair of the size keeps it.
    fitScratch(n);
    expect(kernelScratch({ a: 8 })?.buffer.byteLength).toBeGreaterThanOrEqual(7 * n);
    // A small pair after it: a memory of its own size.
    fitScratch(256 * 256);
    expect(kernelScratch({ a: 8 })?.buffer.byteLength).toBeLessThan(MIB);
    // Memory kept serves a smaller call as it is, its regions 8-aligned from the start.
    expect(kernelScratch({ a: 100, b: 200 })?.at).toEqual({ a: 0, b: 104 });
  });
});
