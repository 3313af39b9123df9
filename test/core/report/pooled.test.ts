import { describe, expect, it } from 'vitest';
import { PooledCounts, pairConfusion } from '../../../src/core/report/pooled';
import { addMatrix, countsOf } from '../../../src/core/stats/confusion';

describe('confusion matrices and pooled metrics', () => {
  it('adds matrices of different sizes, padding the smaller', () => {
    expect(addMatrix([[1, 2], [3, 4]], [[1, 0, 0], [0, 1, 0], [0, 0, 5]])).toEqual([[2, 2, 0], [3, 5, 0], [0, 0, 5]]);
    expect(addMatrix([], [[1]])).toEqual([[1]]);
  });

  it('one class against the rest', () => {
    // rows gt, columns pred
    expect(countsOf([[5, 1, 0], [2, 3, 1], [0, 0, 4]], 1)).toEqual({ tp: 3, fp: 1, fn: 3, tn: 9 });
  });

  it("a binary pair enters as [[tn, fp], [fn, tp]]", () => {
    expect(pairConfusion({ counts: { tp: 4, fp: 1, fn: 2, tn: 9 } })).toEqual([[9, 1], [2, 4]]);
    expect(pairConfusion({})).toBeUndefined();
  });

  it('preset conventions: medpy 0 and monai undefined where a class never is in the ground truth', () => {
    // Class 2 is predicted (1 pixel) but never in the ground truth: precision 0, recall undefined (medpy: 0).
    const pc = new PooledCounts();
    pc.add([[3, 0, 1], [0, 2, 0], [0, 0, 0]], ['dice', 'iou', 'recall']);
    const paper = pc.build('paper', 'foreground')!;
    expect(paper.perClass['2'].metrics.recall.status).toBe('undefined');
    expect(pc.build('medpy', 'foreground')!.perClass['2'].metrics.recall).toEqual({ value: 0, status: 'ok' });
    const monai = pc.build('monai', 'foreground')!;
    expect(monai.perClass['2'].metrics.iou.status).toBe('undefined');
    // The monai mean leaves the undefined class out: only class 1 (IoU 1).
    expect(monai.metrics.iou).toEqual({ value: 1, status: 'ok' });
    expect(paper.metrics.iou).toEqual({ value: 0.5, status: 'ok' });
    expect(paper.absent).toEqual([]);
  });

  it('nothing computed: no pooled set', () => {
    expect(new PooledCounts().build('paper', 'foreground')).toBeUndefined();
  });
});
