/**
 * The statistics every loss and metric is derived from. A backend (the CPU typed-array engine here,
 * the webview's WebGL engine) fills these; the loss and metric modules only read them, so each formula
 * has one definition whatever computed the sums. All sums run over valid (not ignored) pixels of one
 * binary problem (p, y): the foreground of a binary pair, or one class of a multi-class pair.
 * Notation of spec/LOSSES.md: q = clip(p, 1e-7, 1 − 1e-7), and ln(1 − q) is taken as ln(clip(1 − p)).
 */
export interface PixelSums {
  /** Valid pixels. */
  n: number;
  sumP: number;
  sumY: number;
  /** Σ p·y */
  tp: number;
  /** −Σ_{y=1} ln q */
  cePos: number;
  /** −Σ_{y=0} ln(1 − q) */
  ceNeg: number;
  /** −Σ_{y=1} (1 − q)^γ ln q, γ = focal gamma */
  focalPos: number;
  /** −Σ_{y=0} q^γ ln(1 − q) */
  focalNeg: number;
  /** Σ_{y=1} (1 − p)² */
  sqErrPos: number;
  /** Σ_{y=0} p² */
  sqErrNeg: number;
  /** Σ_{y=1} (−ln q)^γC, γC = exp-log's ceGamma */
  expLogPos: number;
  /** Σ_{y=0} (−ln(1 − q))^γC */
  expLogNeg: number;
  /** Pixels of the hard prediction, and of its overlap with the ground truth. */
  hardP: number;
  hardTp: number;
}

/** Sums that need the distance fields of the ground truth y and the hard prediction P. */
export interface FieldSums {
  /** Σ (1 + Φ)·CE_i of distance-penalized-ce. */
  distancePenalizedCe: number;
  /** Σ (p − y)² (d_P^α + d_y^α) of hausdorff-dt. */
  hausdorffDt: number;
  /** Σ p·φ of the boundary loss. */
  boundary: number;
}

/** Distances between the two boundaries, ascending, in spacing units. */
export interface SurfaceDistances {
  /** D(P→G): at each boundary pixel of the prediction, the distance to the ground truth's boundary. */
  predToGt: Float64Array;
  /** D(G→P). */
  gtToPred: Float64Array;
}

/** Parameters that per-pixel sums depend on; a change of these needs a new pass. */
export interface SumParams {
  focalGamma: number;
  expLogCeGamma: number;
  hausdorffAlpha: number;
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
