import { describe, expect, it } from 'vitest';
import { fitScratch, kernelScratch } from '../../src/core/wasm/kernels';

const MIB = 1 << 20;

describe("the WebAssembly kernels' memory", () => {
  it('grows as a call needs, is kept for pairs as large, and let go before a smaller pair', () => {
    const big = kernelScratch({ a: 64 * MIB });
    expect(big?.buffer.byteLength).toBeGreaterThanOrEqual(64 * MIB);
    // A pair of as many pixels as needed that memory keeps it.
    fitScratch((64 * MIB) / 9);
    expect(kernelScratch({ a: 8 })?.buffer.byteLength).toBeGreaterThanOrEqual(64 * MIB);
    // A small pair after it: a memory of its own size.
    fitScratch(256 * 256);
    expect(kernelScratch({ a: 8 })?.buffer.byteLength).toBeLessThan(MIB);
    // Kept memory serves the next, smaller call as it is.
    const small = kernelScratch({ a: 100, b: 200 });
    expect(small?.at).toEqual({ a: 0, b: 104 });
  });
});
