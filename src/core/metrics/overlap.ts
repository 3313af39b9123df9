import type { PixelSums } from '../stats/types';
import type { Tagged } from '../types';
import { ok, ratio, undefinedValue } from '../values';
import type { MetricModule } from './types';

/** Hard confusion counts: P = p > threshold (argmax for multi-class), G = y. */
export function hardCounts(s: PixelSums): { tp: number; fp: number; fn: number; tn: number } {
  const tp = s.hardTp;
  const fp = s.hardP - tp;
  const fn = s.sumY - tp;
  return { tp, fp, fn, tn: s.n - tp - fp - fn };
}

/** MedPy answers 0 where a denominator is zero; the spec's default is "undefined". */
const zeroDenominator = (preset: string): Tagged => (preset === 'medpy' ? ok(0) : undefinedValue());

export const diceMetric: MetricModule = {
  id: 'dice',
  name: 'Dice',
  summary: 'Overlap of prediction and ground truth: 2|P∩G|/(|P|+|G|).',
  formula: '2TP/(2TP + FP + FN)',
  higherIsBetter: true,
  kind: 'ratio',
  whenUndefined: 'both empty → 1 (monai: undefined, also for an empty ground truth)',
  compute: ({ sums }, { preset }) => {
    const c = hardCounts(sums);
    if (preset === 'monai' && sums.sumY === 0) return undefinedValue();
    return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn, ok(1));
  },
};

export const iou: MetricModule = {
  id: 'iou',
  name: 'IoU',
  summary: 'Intersection over union |P∩G|/|P∪G| (Jaccard index).',
  formula: 'TP/(TP + FP + FN)',
  higherIsBetter: true,
  kind: 'ratio',
  whenUndefined: 'both empty → 1 (monai: an empty ground truth is undefined, MeanIoU ignore_empty)',
  compute: ({ sums }, { preset }) => {
    const c = hardCounts(sums);
    if (preset === 'monai' && sums.sumY === 0) return undefinedValue();
    return ratio(c.tp, c.tp + c.fp + c.fn, ok(1));
  },
};

type Counts = ReturnType<typeof hardCounts>;

/** A ratio of hard counts whose zero denominator is undefined (MedPy: 0). */
function countRatio(spec: Omit<MetricModule, 'compute' | 'higherIsBetter' | 'kind'>, num: (c: Counts) => number, den: (c: Counts) => number): MetricModule {
  return {
    ...spec,
    higherIsBetter: true,
    kind: 'ratio',
    compute: ({ sums }, { preset }) => {
      const c = hardCounts(sums);
      return ratio(num(c), den(c), zeroDenominator(preset));
    },
  };
}

export const precision = countRatio(
  { id: 'precision', name: 'Precision', summary: 'Share of predicted foreground that is true foreground.', formula: 'TP/(TP + FP)', whenUndefined: 'empty prediction → undefined (medpy: 0)' },
  (c) => c.tp,
  (c) => c.tp + c.fp,
);

export const recall = countRatio(
  { id: 'recall', name: 'Recall', summary: 'Share of true foreground that is predicted (sensitivity).', formula: 'TP/(TP + FN)', whenUndefined: 'empty ground truth → undefined (medpy: 0)' },
  (c) => c.tp,
  (c) => c.tp + c.fn,
);

export const specificity = countRatio(
  { id: 'specificity', name: 'Specificity', summary: 'Share of true background that is predicted background.', formula: 'TN/(TN + FP)', whenUndefined: 'no background → undefined (medpy: 0)' },
  (c) => c.tn,
  (c) => c.tn + c.fp,
);

export const accuracy = countRatio(
  { id: 'accuracy', name: 'Accuracy', summary: 'Share of pixels classified correctly.', formula: '(TP + TN)/N', whenUndefined: 'no valid pixel → undefined (medpy: 0)' },
  (c) => c.tp + c.tn,
  (c) => c.tp + c.fp + c.fn + c.tn,
);
