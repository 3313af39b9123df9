import { describe, expect, it } from 'vitest';
import { evaluateObjects } from '../../../src/core/objects/evaluate';
import { instanceComponents, splitInstances } from '../../../src/core/objects/instances';
import type { PairInput } from '../../../src/core/types';

describe('instance-id maps', () => {
  it('splits Cityscapes ids (class·1000 + instance; below 1000 a class without instances) and plain ids', () => {
    const city = splitInstances([0, 7, 26000, 26001, 24005], 'cityscapes');
    expect(Array.from(city.classes)).toEqual([0, 7, 26, 26, 24]);
    expect(Array.from(city.ids)).toEqual([0, 0, 26000, 26001, 24005]);
    const ids = splitInstances([0, 3, 3, 250], 'ids');
    expect(Array.from(ids.classes)).toEqual([0, 1, 1, 1]);
    expect(Array.from(ids.ids)).toEqual([0, 3, 3, 250]);
  });

  it('renumbers ids above 65535 in order of first appearance (only shared ids matter); more than 65535 instances is refused', () => {
    const wide = splitInstances([0, 70000, 70000, 5, 1_000_000, 5, 70000], 'ids');
    expect(Array.from(wide.ids)).toEqual([0, 1, 1, 2, 3, 2, 1]);
    expect(Array.from(wide.classes)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    const city = splitInstances([7, 26000, 60_000_001, 26000], 'cityscapes');
    expect(Array.from(city.ids)).toEqual([0, 1, 2, 1]);
    expect(Array.from(city.classes)).toEqual([7, 26, 60000, 26]);
    const many = Array.from({ length: 65536 }, (_, i) => 65536 + i);
    expect(() => splitInstances(many, 'ids')).toThrow(RangeError);
    expect(splitInstances(many.slice(1), 'ids').ids[65534]).toBe(65535);
  });

  it('one object per instance: touching instances stay apart, an instance in two parts is one object, class-0 pixels are left out', () => {
    // Row-major 5×2: instance 5 in two parts, instances 9 and 4 touching, one pixel of 4 ignored (class 0).
    const ids = Uint16Array.from([5, 0, 5, 9, 4, 0, 0, 0, 9, 4]);
    const classOf = Uint16Array.from([1, 0, 1, 1, 1, 0, 0, 0, 1, 0]);
    const c = instanceComponents(ids, classOf, { width: 5, height: 2, depth: 1 });
    expect(c.count).toBe(3);
    expect(Array.from(c.ids)).toEqual([1, 0, 1, 2, 3, 0, 0, 0, 2, 0]);
    expect(Array.from(c.size)).toEqual([2, 2, 1]);
    expect(Array.from(c.box.subarray(0, 6))).toEqual([0, 0, 0, 2, 0, 0]);
  });

  it('matches instances where connected components would merge them', () => {
    // Two touching cells (ids 1 and 2) in both maps; the prediction's cell 2 is one pixel short.
    const gtIds = Uint16Array.from([1, 1, 2, 2, 1, 1, 2, 2]);
    const predIds = Uint16Array.from([1, 1, 2, 2, 1, 1, 2, 0]);
    const input: PairInput = {
      width: 4, height: 2, mode: 'binary', classes: 2,
      labels: Uint8Array.from(gtIds, (v) => (v ? 1 : 0)),
      prob: Float32Array.from(predIds, (v) => (v ? 1 : 0)),
    };
    expect(evaluateObjects(input, 0.5, [1, 1]).counts).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    const o = evaluateObjects(input, 0.5, [1, 1], {}, { gt: gtIds, pred: predIds });
    expect(o.counts).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
    expect(o.gtObjects?.map((e) => e.iou)).toEqual([1, 0.75]);
    // Only the ground truth as instances: the prediction's one component covers both cells (IoU 4/7 and 3/8).
    expect(evaluateObjects(input, 0.5, [1, 1], {}, { gt: gtIds }).counts).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
  });
});
