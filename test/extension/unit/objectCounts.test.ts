import { describe, expect, it } from 'vitest';
import { evaluateObjects } from '../../../src/core/objects/evaluate';
import type { PairReport } from '../../../src/core/report/schema';
import { objectCounts } from '../../../src/extension/present';
import { binaryPair } from '../../core/objects/grid';

const report = (gt: string[], pred: string[]): PairReport => ({
  root: '', gt: 'g', pred: 'p', dataset: '', model: '', width: 1, height: 1, mode: 'binary', classes: 2, losses: {}, metrics: {}, warnings: [], error: null,
  objects: evaluateObjects(binaryPair(gt, pred), 0.5, [1, 1]),
});

describe('object counts in the tree', () => {
  it('says how many ground-truth objects are missed and how many predicted ones are extra', () => {
    expect(objectCounts(report(['#.#.#', '.....'], ['#....', '...##']))).toBe('2/3 missed · 1 extra');
    expect(objectCounts(report(['#....'], ['#....']))).toBe('0/1 missed · 0 extra');
  });

  it('says nothing when neither side has an object, or the pair has no object results', () => {
    expect(objectCounts(report(['.....'], ['.....']))).toBeUndefined();
    expect(objectCounts({ ...report(['#'], ['#']), objects: undefined })).toBeUndefined();
  });
});
