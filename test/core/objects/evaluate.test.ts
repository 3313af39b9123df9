import { describe, expect, it } from 'vitest';
import { argmaxAt } from '../../../src/core/argmax';
import { evaluateObjects, objectValueMaps } from '../../../src/core/objects/evaluate';
import { confusionMatrix } from '../../../src/core/stats/confusion';
import { objectMetrics } from '../../../src/core/objects/metrics';
import type { PairObjects } from '../../../src/core/objects/types';
import type { PairInput } from '../../../src/core/types';
import { rng } from '../../helpers/random';
import { binaryPair, classPair } from './grid';

const counts = (o: PairObjects) => o.counts;
const values = (o: Pick<PairObjects, 'metrics'>) => Object.fromEntries(Object.entries(o.metrics).map(([k, v]) => [k, v.value]));
const evalIou = (p: PairInput, spacing = [1, 1]) => evaluateObjects(p, 0.5, spacing, { match: 'iou' });
const evalOverlap = (p: PairInput) => evaluateObjects(p, 0.5, [1, 1], { match: 'overlap' });

describe('object-level evaluation', () => {
  // g1 = p1 (IoU 1); g2 (6 px) ⊃ p2 (4 px): IoU 4/6; g3 missed; p3 extra.
  const pair = binaryPair(
    ['##....###.', '##....###.', '..........', '#.........'],
    ['##.....##.', '##.....##.', '..........', '........##'],
  );

  it('counts matches, misses and extras, and derives precision, recall, F1, PQ, SQ and RQ', () => {
    const o = evalIou(pair);
    expect(counts(o)).toEqual({ gt: 3, pred: 3, tp: 2, fp: 1, fn: 1 });
    expect(o.iouSum).toBeCloseTo(5 / 3, 12);
    const v = values(o);
    expect(v['object-precision']).toBeCloseTo(2 / 3, 12);
    expect(v['object-recall']).toBeCloseTo(2 / 3, 12);
    expect(v['object-f1']).toBeCloseTo(2 / 3, 12);
    expect(v.rq).toBeCloseTo(2 / 3, 12);
    expect(v.sq).toBeCloseTo(5 / 6, 12);
    expect(v.pq).toBeCloseTo(5 / 9, 12);
    expect(v.pq).toBeCloseTo((v.sq as number) * (v.rq as number), 12);
    expect(o.connectivity).toBe(8);
    expect(o.match).toBe('iou');
  });

  it('lists every object with its size, physical volume, box, match, IoU and Dice', () => {
    const o = evalIou(pair, [0.5, 2]);
    expect(o.gtObjects).toEqual([
      { id: 1, size: 4, volume: 4, box: [0, 0, 1, 1], match: 1, iou: 1, dice: 1 },
      { id: 2, size: 6, volume: 6, box: [6, 0, 8, 1], match: 2, iou: 4 / 6, dice: 0.8 },
      { id: 3, size: 1, volume: 1, box: [0, 3, 0, 3], match: null, iou: 0, dice: 0 },
    ]);
    expect(o.predObjects?.map((e) => [e.id, e.size, e.match])).toEqual([[1, 4, 1], [2, 4, 2], [3, 2, null]]);
    expect(o.predObjects?.[2].box).toEqual([8, 3, 9, 3]);
  });

  it('an object split into two predictions: IoU must exceed 0.5 (exactly 0.5 does not match); any overlap takes the larger part', () => {
    const split = binaryPair(['######', '######'], ['###.##', '###.##']);
    expect(counts(evalIou(split))).toEqual({ gt: 1, pred: 2, tp: 0, fp: 2, fn: 1 });
    expect(values(evalIou(split)).sq).toBe(0);
    const o = evalOverlap(split);
    expect(counts(o)).toEqual({ gt: 1, pred: 2, tp: 1, fp: 1, fn: 0 });
    expect(o.gtObjects?.[0]).toMatchObject({ match: 1, iou: 0.5 });
    expect(o.predObjects?.[1].match).toBeNull();
  });

  it('two objects merged into one prediction: no match by IoU; by overlap the first ground-truth object on a tie', () => {
    const merged = binaryPair(['##.##', '##.##'], ['#####', '#####']);
    expect(counts(evalIou(merged))).toEqual({ gt: 2, pred: 1, tp: 0, fp: 1, fn: 2 });
    const o = evalOverlap(merged);
    expect(counts(o)).toEqual({ gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 });
    expect(o.gtObjects?.map((e) => e.match)).toEqual([1, null]);
    // Unequal parts: the larger overlap wins whatever its id.
    const unequal = evalOverlap(binaryPair(['#.###', '#.###'], ['#####', '#####']));
    expect(unequal.gtObjects?.map((e) => e.match)).toEqual([null, 1]);
  });

  it('touching objects are one object with 8-connectivity and two with 4', () => {
    const touching = binaryPair(['##..', '##..', '..##', '..##'], ['##..', '##..', '..##', '..##']);
    expect(counts(evaluateObjects(touching, 0.5, [1, 1], { connectivity: 8 }))).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    const four = evaluateObjects(touching, 0.5, [1, 1], { connectivity: 4 });
    expect(counts(four)).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
    expect(four.connectivity).toBe(4);
  });

  it('objects on every border match like any other', () => {
    const border = binaryPair(['#..#', '....', '#..#'], ['#..#', '....', '#...']);
    const o = evalIou(border);
    expect(counts(o)).toEqual({ gt: 4, pred: 3, tp: 3, fp: 0, fn: 1 });
    expect(o.gtObjects?.map((e) => e.box)).toEqual([[0, 0, 0, 0], [3, 0, 3, 0], [0, 2, 0, 2], [3, 2, 3, 2]]);
  });

  it('undefined, never NaN, when neither side has an object; 0 when only one side has', () => {
    const empty = evalIou(binaryPair(['...', '...'], ['...', '...']));
    expect(counts(empty)).toEqual({ gt: 0, pred: 0, tp: 0, fp: 0, fn: 0 });
    for (const v of Object.values(empty.metrics)) expect(v).toEqual({ value: null, status: 'undefined' });
    const missed = evalIou(binaryPair(['#..', '..#'], ['...', '...']));
    expect(counts(missed)).toEqual({ gt: 2, pred: 0, tp: 0, fp: 0, fn: 2 });
    for (const v of Object.values(missed.metrics)) expect(v).toEqual({ value: 0, status: 'ok' });
    const extra = evalIou(binaryPair(['...', '...'], ['.#.', '...']));
    expect(counts(extra)).toEqual({ gt: 0, pred: 1, tp: 0, fp: 1, fn: 0 });
    for (const v of Object.values(extra.metrics)) expect(v).toEqual({ value: 0, status: 'ok' });
    expect(JSON.stringify([empty, missed, extra])).not.toMatch(/NaN|null,"status":"ok"/);
  });

  it('the hard prediction is p > threshold, and ignored pixels belong to no object', () => {
    const p = binaryPair(['###', '...'], ['...', '...']);
    p.prob = Float32Array.from([0.6, 0.4, 0.7, 0, 0, 0]);
    expect(counts(evaluateObjects(p, 0.5, [1, 1]))).toEqual({ gt: 1, pred: 2, tp: 0, fp: 2, fn: 1 });
    expect(counts(evaluateObjects(p, 0.3, [1, 1]))).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    const ignored: PairInput = { ...binaryPair(['###', '...'], ['###', '...']), ignoreIndex: 255 };
    ignored.labels = Uint8Array.from([1, 255, 1, 0, 0, 0]);
    expect(counts(evalIou(ignored))).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
  });

  it('a multi-class pair: objects per class (never across classes), summed counts, metrics averaged over classes with objects', () => {
    const p = classPair(['11.22', '11.22', '.....', '.3...'], ['11122', '11.22', '.....', '.....'], 4);
    const o = evalIou(p);
    // Class 1: IoU 4/5; class 2: IoU 1; class 3: missed. The touching 1 and 2 stay apart.
    expect(o.perClass?.['1'].counts).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    expect(o.perClass?.['2'].counts).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    expect(o.perClass?.['3'].counts).toEqual({ gt: 1, pred: 0, tp: 0, fp: 0, fn: 1 });
    expect(counts(o)).toEqual({ gt: 3, pred: 2, tp: 2, fp: 0, fn: 1 });
    expect(o.iouSum).toBeCloseTo(1.8, 12);
    expect(values(o).pq).toBeCloseTo((0.8 + 1 + 0) / 3, 12);
    expect(values(o)['object-precision']).toBeCloseTo((1 + 1 + 0) / 3, 12);
    expect(o.gtObjects).toBeUndefined();
    expect(o.perClass?.['1'].gtObjects[0]).toMatchObject({ id: 1, size: 4, match: 1, iou: 0.8 });
    // A class absent on both sides is listed with undefined metrics and left out of the mean.
    const two = evalIou(classPair(['11.', '...'], ['11.', '...'], 3));
    expect(two.perClass?.['2'].metrics.pq.status).toBe('undefined');
    expect(values(two).pq).toBe(1);
  });

  it('a volume: 26-connectivity joins objects across slices that 6 keeps apart; volume uses the z spacing', () => {
    const p = binaryPair(['#..', '...', '', '...', '.#.'], ['#..', '...', '', '...', '.#.']);
    const full = evaluateObjects(p, 0.5, [1, 1, 3]);
    expect(full.connectivity).toBe(26);
    expect(counts(full)).toEqual({ gt: 1, pred: 1, tp: 1, fp: 0, fn: 0 });
    expect(full.gtObjects?.[0]).toMatchObject({ size: 2, volume: 6, box: [0, 0, 0, 1, 1, 1] });
    const faces = evaluateObjects(p, 0.5, [1, 1, 3], { connectivity: 6 });
    expect(faces.connectivity).toBe(6);
    expect(counts(faces)).toEqual({ gt: 2, pred: 2, tp: 2, fp: 0, fn: 0 });
  });
});

describe('object metrics', () => {
  it('PQ = SQ·RQ and RQ = F1 on any counts', () => {
    for (const [tp, fp, fn, iouSum] of [[3, 1, 2, 2.1], [1, 0, 0, 0.7], [0, 2, 1, 0], [5, 5, 5, 4.2]]) {
      const m = objectMetrics({ gt: tp + fn, pred: tp + fp, tp, fp, fn }, iouSum);
      expect(m.pq.value).toBeCloseTo((m.sq.value as number) * (m.rq.value as number), 12);
      expect(m.rq.value).toBeCloseTo(m['object-f1'].value as number, 12);
    }
  });
});

describe('a pair whose prediction is already hard (the slice viewer)', () => {
  it('gives the objects of the same pair with probabilities', () => {
    const binary = binaryPair(['##..#', '##...', '....#'], ['.#..#', '##..#', '.....']);
    const hard = { ...binary, prob: undefined, predicted: Uint8Array.from(binary.prob, (p) => (p > 0.5 ? 1 : 0)) };
    expect(evaluateObjects(hard, 0.5, [1, 1])).toEqual(evaluateObjects(binary, 0.5, [1, 1]));
    const multi = classPair(['11.22', '11.22', '.....', '.3...'], ['11122', '11.22', '.....', '.....'], 4);
    const n = multi.labels.length;
    const predicted = Uint8Array.from({ length: n }, (_, i) => [0, 1, 2, 3].find((c) => multi.prob[c * n + i] === 1) ?? 0);
    const { prob: _, ...rest } = multi;
    expect(evaluateObjects({ ...rest, predicted }, 0.5, [1, 1])).toEqual(evaluateObjects(multi, 0.5, [1, 1]));
  });
});

describe('pairs evaluated one after another', () => {
  it('give what each gives alone (the id maps reused from pair to pair hold nothing over)', () => {
    const a = binaryPair(['##..#', '##...', '....#'], ['.#..#', '##..#', '.....']);
    const b = binaryPair(['.....', '..##.', '#.##.'], ['#....', '..##.', '..##.']);
    const alone = evaluateObjects(b, 0.5, [1, 1]);
    evaluateObjects(a, 0.5, [1, 1]);
    expect(evaluateObjects(b, 0.5, [1, 1])).toEqual(alone);
  });
});

describe('the value maps objects read and the confusion counts of the same pass', () => {
  const flat = (m: number[][]) => m.flat();
  it('count exactly what confusionMatrix counts: binary and multi-class, with and without ignored pixels, ties', () => {
    const r = rng(7);
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(r() * 300);
      const multi = t % 2 === 1;
      const C = multi ? 2 + Math.floor(r() * 4) : 2;
      const ignoreIndex = t % 4 < 2 ? undefined : 255;
      const labels = Uint8Array.from({ length: n }, () => (ignoreIndex !== undefined && r() < 0.2 ? 255 : Math.floor(r() * C)));
      // Quantised probabilities: ties for the argmax and values exactly at the threshold.
      const prob = Float32Array.from({ length: (multi ? C : 1) * n }, () => Math.floor(r() * 5) / 4);
      const input: PairInput = { width: n, height: 1, mode: multi ? 'multiclass' : 'binary', classes: C, labels, prob, ...(ignoreIndex !== undefined && { ignoreIndex }) };
      const maps = objectValueMaps(input, 0.5);
      expect(Array.from(maps.confusion)).toEqual(flat(confusionMatrix(input, 0.5)));
      for (let i = 0; i < n; i++) {
        const ignored = labels[i] === ignoreIndex;
        expect(maps.gt[i]).toBe(ignored ? 0 : labels[i]);
        expect(maps.pred[i]).toBe(ignored ? 0 : multi ? argmaxAt(prob, C, n, i) : prob[i] > 0.5 ? 1 : 0);
      }
    }
  });
});
