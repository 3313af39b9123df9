import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../src/core/io/index';
import type { PairInput } from '../../../src/core/types';
import { encodeRgbPng, errorOverlay } from '../../../src/extension/worker/thumbnail';

describe('error overlay thumbnail', () => {
  const input: PairInput = {
    width: 4, height: 2, mode: 'binary', classes: 2,
    // TP, FP, FN, TN / TN, ignored, TP, TN
    labels: Uint8Array.from([1, 0, 1, 0, 0, 255, 1, 0]),
    prob: Float32Array.from([0.9, 0.8, 0.1, 0.2, 0, 1, 0.51, 0.5]),
    ignoreIndex: 255,
  };

  it('counts TP, FP, FN, TN and ignored pixels at the threshold', () => {
    expect(errorOverlay(input, 0.5, 100).counts).toEqual({ tp: 2, fp: 1, fn: 1, tn: 3, ignored: 1 });
  });

  it('colours each pixel at full size and mixes them when scaled down', () => {
    const full = errorOverlay(input, 0.5, 100);
    expect([full.width, full.height]).toEqual([4, 2]);
    expect([...full.rgb.subarray(0, 12)]).toEqual([46, 160, 67, 230, 57, 70, 52, 120, 246, 30, 30, 30]);
    const small = errorOverlay(input, 0.5, 2);
    expect([small.width, small.height]).toEqual([2, 1]);
    // Left half: TP, FP, TN, ignored averaged.
    expect(small.rgb[0]).toBe(Math.round((46 + 230 + 30 + 128) / 4));
  });

  it('marks a wrong foreground class of a multi-class pair', () => {
    const mc: PairInput = { width: 2, height: 1, mode: 'multiclass', classes: 3, labels: Uint8Array.from([1, 2]), prob: Float32Array.from([0.1, 0.1, 0.8, 0.8, 0.1, 0.1]) }; // both pixels predicted class 1
    expect(errorOverlay(mc, 0.5, 10).counts).toEqual({ tp: 1, fp: 1, fn: 1, tn: 0, ignored: 0 });
  });

  it('encodes a PNG the core decoder reads back', () => {
    const o = errorOverlay(input, 0.5, 100);
    const png = encodeRgbPng(o.rgb, o.width, o.height, (raw) => deflateSync(raw));
    const img = decodePng(png, 't.png', { maxPixels: 100 });
    expect([img.width, img.height, img.channels, img.bitDepth]).toEqual([4, 2, 3, 8]);
    expect([...img.samples]).toEqual([...o.rgb]);
  });
});
