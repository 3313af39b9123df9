import type { ClassStats, PixelSums } from '../stats/types';

/** Soft confusion counts of spec/LOSSES.md. */
export function softCounts(s: PixelSums): { tp: number; fp: number; fn: number; tn: number } {
  return { tp: s.tp, fp: s.sumP - s.tp, fn: s.sumY - s.tp, tn: s.n - s.sumP - s.sumY + s.tp };
}

/** The background problem (1 − p, 1 − y) of a binary pair, for losses defined over both classes. */
export function backgroundSums(s: PixelSums): PixelSums {
  return {
    n: s.n,
    sumP: s.n - s.sumP,
    sumY: s.n - s.sumY,
    tp: s.n - s.sumP - s.sumY + s.tp,
    cePos: s.ceNeg,
    ceNeg: s.cePos,
    focalPos: s.focalNeg,
    focalNeg: s.focalPos,
    sqErrPos: s.sqErrNeg,
    sqErrNeg: s.sqErrPos,
    expLogPos: s.expLogNeg,
    expLogNeg: s.expLogPos,
    hardP: s.n - s.hardP,
    hardTp: s.n - s.hardP - s.sumY + s.hardTp,
  };
}

/** Binary cross-entropy of one problem. */
export const binaryCe = (s: PixelSums): number => (s.cePos + s.ceNeg) / s.n;

/** Dice loss with smoothing s in numerator and denominator (the paper's and MONAI's form). */
export const smoothDiceLoss = (s: PixelSums, smooth: number): number =>
  1 - (2 * s.tp + smooth) / (s.sumP + s.sumY + smooth);

/** The per-class sums a loss over all classes reads: {background, foreground} of a binary pair. */
export const bothClasses = (stats: ClassStats): PixelSums[] => [backgroundSums(stats.sums), stats.sums];

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
