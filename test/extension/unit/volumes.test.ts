import { describe, expect, it } from 'vitest';
import { maskPathAt } from '../../../src/extension/maskPathAt';
import { busiestSlice, sliceOf } from '../../../src/extension/worker/volumeSlice';
import { errorOverlay } from '../../../src/extension/worker/thumbnail';
import type { PairInput } from '../../../src/core/types';

const at = (line: string, needle: string) => maskPathAt(line, line.indexOf(needle) + 1)?.path;

describe('volumes in the extension host', () => {
  it('hovers find NIfTI, NRRD and npz paths, double extensions whole', () => {
    expect(at('labelsTs/case_0001.nii.gz,predictions/case_0001.npz', 'labelsTs')).toBe('labelsTs/case_0001.nii.gz');
    expect(at('labelsTs/case_0001.nii.gz,predictions/case_0001.npz', 'predictions')).toBe('predictions/case_0001.npz');
    expect(at("load('seg/liver.seg.nrrd')", 'liver')).toBe('seg/liver.seg.nrrd');
    expect(at('x = "t1.nii"', 't1')).toBe('t1.nii');
    expect(at('archive.nii.gz.bak', 'archive')).toBeUndefined();
  });

  // 3×2 voxels per slice, 3 slices; slice 1 holds the most foreground.
  const binary: PairInput = {
    width: 3, height: 2, depth: 3, mode: 'binary', classes: 2,
    labels: Uint8Array.from([0, 0, 0, 0, 0, 1, /**/ 1, 1, 0, 1, 0, 0, /**/ 0, 0, 0, 0, 0, 0]),
    prob: Float32Array.from([0, 0, 0, 0, 0.9, 0.9, /**/ 0.9, 0.2, 0.8, 0.7, 0, 0, /**/ 0, 0, 0, 0, 0, 0.6]),
  };

  it('a thumbnail shows the busiest slice, as an image pair', () => {
    expect(busiestSlice(binary, 0.5)).toBe(1);
    const s = sliceOf(binary, 1);
    expect([s.width, s.height, s.depth]).toEqual([3, 2, 1]);
    expect([...s.labels]).toEqual([1, 1, 0, 1, 0, 0]);
    expect(errorOverlay(s, 0.5, 10).counts).toEqual({ tp: 2, fp: 1, fn: 1, tn: 2, ignored: 0 });
  });

  it('slices every channel of a multi-class volume', () => {
    const n = 2 * 1 * 2;
    const prob = Float32Array.from({ length: 3 * n }, (_, i) => i);
    const mc: PairInput = { width: 2, height: 1, depth: 2, mode: 'multiclass', classes: 3, labels: Uint8Array.from([0, 1, 2, 0]), prob };
    const s = sliceOf(mc, 1);
    expect([...s.prob]).toEqual([2, 3, 6, 7, 10, 11]);
    expect([...s.labels]).toEqual([2, 0]);
  });
});
