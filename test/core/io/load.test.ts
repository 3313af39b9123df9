import { describe, expect, it } from 'vitest';
import { loadGroundTruth, loadMask, loadPrediction, makePairInput } from '../../../src/core/io';
import { MaskError } from '../../../src/core/types';
import { encodeNpy } from './npyWriter';
import { greyPng } from './pngWriter';

const opts = { maxPixels: 1e6 };

describe('loadMask', () => {
  it('dispatches by extension', () => {
    expect(loadMask(greyPng(2, 1, [0, 255]), 'gt/a.PNG', opts)).toMatchObject({ format: 'png', warnings: [] });
    expect(loadMask(encodeNpy({ descr: '<f4', shape: [1, 2], data: [0, 1] }), 'p/a.npy', opts)).toMatchObject({ format: 'npy', warnings: [] });
  });

  it('content wins over a wrong extension, with a warning', () => {
    const m = loadMask(encodeNpy({ descr: '|u1', shape: [1, 2], data: [0, 1] }), 'a.png', opts);
    expect(m.format).toBe('npy');
    expect(m.warnings).toEqual(['a.png: named .png but is a .npy file; read as .npy']);
  });

  it('refuses unknown extensions and broken content', () => {
    for (const [bytes, name, code] of [
      [greyPng(1, 1, [0]), 'a.jpg', 'unsupported-format'],
      [greyPng(1, 1, [0]), 'noext', 'unsupported-format'],
      [new TextEncoder().encode('hello'), 'a.png', 'not-png'],
      [new TextEncoder().encode('hello'), 'a.npy', 'bad-npy'],
      [new Uint8Array(0), 'a.npy', 'empty-file'],
    ] as const) {
      let err: unknown;
      try {
        loadMask(bytes, name, opts);
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(MaskError);
      expect((err as MaskError).code, name).toBe(code);
      expect((err as MaskError).message.startsWith(`${name}: `)).toBe(true);
    }
  });
});

describe('loadGroundTruth / loadPrediction', () => {
  it('load a PNG ground truth and an .npy prediction into one pair', () => {
    const gt = loadGroundTruth(greyPng(3, 2, [0, 1, 2, 2, 1, 0]), 'gt/a.png', opts);
    // (H, W, C) = (2, 3, 3): the ground truth's size tells the channel axis.
    const data = Array.from({ length: 18 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const pred = loadPrediction(encodeNpy({ descr: '<f4', shape: [2, 3, 3], data }), 'pred/a.npy', { ...opts, width: gt.width, height: gt.height });
    const pair = makePairInput(gt, pred);
    expect(pair).toMatchObject({ mode: 'multiclass', classes: 3, width: 3, height: 2 });
    expect(Array.from(pair.prob.subarray(0, 6))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('carry the renamed-file warning', () => {
    const gt = loadGroundTruth(greyPng(2, 1, [0, 255]), 'gt/a.npy', opts);
    expect(gt.warnings).toEqual(['gt/a.npy: named .npy but is a .png file; read as .png']);
  });
});
