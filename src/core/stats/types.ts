/**
 * The statistics every loss and metric is derived from. A backend (the CPU typed-array engine here,
 * the webview's WebGL engine) fills these; the loss and metric modules only read them, so each formula
 * has one definition whatever computed the sums. All sums run over valid (not ignored) pixels of one
 * binary problem (p, y): the foreground of a binary pair, or one class of a multi-class pair.
 * Notation of docs/LOSSES.md: q = clip(p, 1e-7, 1 − 1e-7), and ln(1 − q) is taken as ln(clip(1 − p)).
 */
import type { FieldKey } from './terms/fields';
import type { SumKey } from './terms/sums';

export type { SumParams } from './terms/params';

/** Σ over valid pixels of each term declared in terms/sums.ts (n, sumP, sumY, tp, cePos, …, hardTp). */
export type PixelSums = Record<SumKey, number>;

/** Sums that need the distance fields of the ground truth y and the hard prediction P (terms/fields.ts). */
export type FieldSums = Record<FieldKey, number>;

/** Distances between the two boundaries, ascending, in spacing units. */
export interface SurfaceDistances {
  /** D(P→G): at each boundary pixel of the prediction, the distance to the ground truth's boundary. */
  predToGt: Float64Array;
  /** D(G→P). */
  gtToPred: Float64Array;
}

/** Everything the loss and metric modules read for one binary problem. */
export interface ClassStats {
  readonly sums: PixelSums;
  readonly fields: FieldSums;
  readonly surface: SurfaceDistances;
  /** The Lovász hinge of this problem (needs a sort of the hinge errors). */
  readonly lovaszHinge: number;
}

export const P_MIN = 1e-7;
export const P_MAX = 1 - 1e-7;
