/** The object list's rows and the object layer's outlines, in Node, against hand-drawn masks. */
import { describe, expect, it } from 'vitest';
import { layoutObjects } from '../../src/core/objects/evaluate';
import { centroids, objectRows, sortRows } from '../../webview/objects/objectRows';
import { outlineSegments } from '../../webview/objects/outlines';
import { binaryPair, classPair } from '../core/objects/grid';

/*
 * Ground truth: A (2×2 at 0,0), B (3×2 at 6,0, 6 px), C (1 px at 0,3). Prediction: A exactly, B's left
 * 2×2 (4 px, IoU 2/3), and an extra 2-px object at (8,3).
 */
const GT = ['##....###.', '##....###.', '..........', '#.........'];
const PRED = ['##....##..', '##....##..', '..........', '........##'];

const rowsOf = (gt: string[], pred: string[], cls = 1, input = binaryPair(gt, pred)) => {
  const layout = layoutObjects(input, 0.5, [1, 1]);
  const centres = { gt: centroids(layout.gt, input.width, input.height), pred: centroids(layout.pred, input.width, input.height) };
  return { layout, rows: objectRows(layout, cls, centres) };
};

describe('object rows', () => {
  it('one row per matched pair, missed ground-truth object and extra prediction, with ids, sizes, boxes and centroids', () => {
    const { rows } = rowsOf(GT, PRED);
    expect(rows.map((r) => [r.kind, r.gt?.id ?? null, r.pred?.id ?? null, r.size])).toEqual([
      ['matched', 1, 1, 4],
      ['matched', 2, 2, 6],
      ['missed', 3, null, 1],
      ['extra', null, 3, 2],
    ]);
    const b = rows[1];
    expect(b.iou).toBeCloseTo(2 / 3, 12);
    expect(b.dice).toBeCloseTo(0.8, 12);
    expect(b.gt?.box).toEqual([6, 0, 0, 8, 1, 0]);
    expect(b.box).toEqual([6, 0, 0, 8, 1, 0]); // the prediction lies inside the ground truth's box
    expect(b.gt?.centroid).toEqual([7.5, 1, 0.5]);
    expect(b.pred?.centroid).toEqual([7, 1, 0.5]);
    expect(rows[3].box).toEqual([8, 3, 0, 9, 3, 0]);
  });

  it('sorts largest first, or worst IoU first (missed and extra at 0, larger first), deterministically', () => {
    const { rows } = rowsOf(GT, PRED);
    const order = (by: 'size' | 'iou') => sortRows(rows, by).map((r) => `${r.kind}:${r.gt?.id ?? r.pred?.id}`);
    expect(order('size')).toEqual(['matched:2', 'matched:1', 'extra:3', 'missed:3']);
    expect(order('iou')).toEqual(['extra:3', 'missed:3', 'matched:2', 'matched:1']);
    expect(rows.map((r) => r.kind)).toEqual(['matched', 'matched', 'missed', 'extra']); // not sorted in place
  });

  it('takes the class asked for in a multi-class pair; the background has none', () => {
    const input = classPair(['11.22', '11.22', '.....', '.3...'], ['11122', '11.22', '.....', '.....'], 4);
    expect(rowsOf([], [], 1, input).rows.map((r) => [r.kind, r.iou])).toEqual([['matched', 0.8]]);
    expect(rowsOf([], [], 3, input).rows.map((r) => [r.kind, r.gt?.box])).toEqual([['missed', [1, 3, 0, 1, 3, 0]]]);
    expect(rowsOf([], [], 0, input).rows).toEqual([]);
  });
});

describe('object outlines', () => {
  const segments = (s: Float32Array) => Array.from({ length: s.length / 4 }, (_, k) => Array.from(s.subarray(4 * k, 4 * k + 4)).join(','));

  it('run along the pixel edges around each object, the image border included', () => {
    // One 2×1 object at (1, 0) on a 3×2 image: 6 edges, the top one on the border.
    const ids = Int32Array.from([0, 1, 1, 0, 0, 0]);
    const [outline] = outlineSegments(ids, 3, 2, Int8Array.from([-1, 0]), 1);
    expect(segments(outline).sort()).toEqual(['1,0,1,1', '1,0,2,0', '1,1,2,1', '2,0,3,0', '2,1,3,1', '3,0,3,1'].sort());
  });

  it('put the edge between two touching objects on both outlines, and leave out objects without a group', () => {
    const ids = Int32Array.from([1, 2, 3]);
    const [a, b] = outlineSegments(ids, 3, 1, Int8Array.from([-1, 0, 1, -1]), 2);
    expect(segments(a)).toContain('1,0,1,1');
    expect(segments(b)).toContain('1,0,1,1');
    expect(segments(b)).toContain('2,0,2,1'); // between objects 2 and 3: object 3 has no group
    expect(segments(a)).toHaveLength(4);
    expect(segments(b)).toHaveLength(4);
  });
});
