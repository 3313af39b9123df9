import { backgroundSums } from '../stats/terms/cpu';
import type { FieldKey } from '../stats/terms/fields';
import type { ClassStats, PixelSums } from '../stats/types';
import type { LossEval, PixelMap } from './types';

/** Soft confusion counts of docs/LOSSES.md. */
export function softCounts(s: PixelSums): { tp: number; fp: number; fn: number; tn: number } {
  return { tp: s.tp, fp: s.sumP - s.tp, fn: s.sumY - s.tp, tn: s.n - s.sumP - s.sumY + s.tp };
}

/** Binary cross-entropy of one problem. */
export const binaryCe = (s: PixelSums): number => (s.cePos + s.ceNeg) / s.n;

/** Dice loss with smoothing s in numerator and denominator (the paper's and MONAI's form). */
export const smoothDiceLoss = (s: PixelSums, smooth: number): number =>
  1 - (2 * s.tp + smooth) / (s.sumP + s.sumY + smooth);

/** The per-class sums a loss over all classes reads: {background, foreground} of a binary pair. */
export const bothClasses = (stats: ClassStats): PixelSums[] => [backgroundSums(stats.sums), stats.sums];

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The classes a loss over classes reads: all, or without channel 0 under MONAI's include_background=false. */
export const lossClasses = <T>(classes: readonly T[], e: Pick<LossEval, 'includeBackground'>): readonly T[] =>
  e.includeBackground === false ? classes.slice(1) : classes;

/** Categorical cross-entropy −(1/N) Σ_c Σ_x y_c ln q_c over the given classes (all of them: −(1/N) Σ ln q_label). */
export const categoricalCe = (classes: readonly ClassStats[], n: number): number => classes.reduce((acc, c) => acc + c.sums.cePos, 0) / n;

/** The map of a loss weighting cross-entropy: −ln q × wPos where y = 1, −ln(1 − q) × wNeg where y = 0. */
export const ceMap = (wPos = 1, wNeg = 1): PixelMap => ({ pos: 'cePos', neg: 'ceNeg', wPos, wNeg });

/** The map of a loss that is the mean of one field term. */
export const fieldMap = (key: FieldKey): PixelMap => ({ pos: key, neg: key, wPos: 1, wNeg: 1 });
