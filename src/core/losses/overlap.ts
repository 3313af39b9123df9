import type { ParamSpec } from '../params';
import type { PixelSums } from '../stats/types';
import type { PresetId } from '../types';

/** Parameters and preset variants shared by the overlap losses (dice, jaccard, tversky). */
export const smoothParam = (def: number): ParamSpec => ({
  key: 'smooth',
  label: 'smooth',
  description: 'Added to numerator and denominator; keeps the loss defined for empty masks.',
  default: def,
  min: 0,
  max: 100,
  step: 0.01,
});

export const tverskyParams: ParamSpec[] = [
  { key: 'fpWeight', label: 'false-positive weight', description: 'Weight of false positives (the survey\'s β); raise it to punish over-segmentation.', default: 0.3, min: 0, max: 1, step: 0.05 },
  { key: 'fnWeight', label: 'false-negative weight', description: 'Weight of false negatives; raise it to punish missed foreground.', default: 0.7, min: 0, max: 1, step: 0.05 },
  smoothParam(1),
];

/** SMP's losses divide by max(denominator, 1e-7) and are 0 when the ground truth is empty. */
const SMP_EPS = 1e-7;

/** 1 − num/den in the convention of the preset. */
export function overlapLoss(s: PixelSums, preset: PresetId, num: number, den: number): number {
  if (preset === 'smp') return s.sumY === 0 ? 0 : 1 - num / Math.max(den, SMP_EPS);
  return 1 - num / den;
}

/** Tversky index TI = (TP + s)/(TP + a·FP + b·FN + s). */
export function tverskyIndex(s: PixelSums, fpWeight: number, fnWeight: number, smooth: number): number {
  const fp = s.sumP - s.tp;
  const fn = s.sumY - s.tp;
  return (s.tp + smooth) / (s.tp + fpWeight * fp + fnWeight * fn + smooth);
}
