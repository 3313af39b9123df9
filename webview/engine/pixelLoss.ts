/**
 * Per-pixel contributions of the pixel-wise losses: each loss value is the mean of its map over the
 * valid pixels (tests hold mean(map) == the core's value). The GPU's lossMapProgram computes the
 * same kinds with the same uniforms; this is the float64 version for the CPU fallback and the hover.
 */
import type { ResolvedOptions } from '../../src/core/engine';
import { balancedCeBeta } from '../../src/core/losses/balancedCe';
import { shapeAwareE } from '../../src/core/losses/shapeAware';
import { weightedCeBeta } from '../../src/core/losses/weightedCe';
import { boundaryTerm, clampP, distancePenalty, hausdorffDtTerm, pixelCe, powerFn, type FieldScalars } from '../../src/core/stats/pixelTerms';
import type { ClassStats } from '../../src/core/stats/types';

export const MAP_LOSSES = [
  'ce', 'weighted-ce', 'balanced-ce', 'focal', 'distance-penalized-ce', 'shape-aware', 'hausdorff-dt', 'boundary',
] as const;
export type MapLossId = (typeof MAP_LOSSES)[number];
export const isMapLoss = (id: string): id is MapLossId => (MAP_LOSSES as readonly string[]).includes(id);

/** 0: weighted CE (ce, weighted-ce, balanced-ce, shape-aware), 1: focal, 2: Φ-weighted CE, 3: Hausdorff-DT, 4: boundary. */
export type MapKind = 0 | 1 | 2 | 3 | 4;

export interface MapTerms extends FieldScalars {
  kind: MapKind;
  /** Weights of positive and negative pixels. */
  wPos: number;
  wNeg: number;
  /** Focal γ. */
  gamma: number;
  /** α/2 of hausdorff-dt: d^α = (d²)^(α/2). */
  halfAlpha: number;
}

/** The constants of a loss's map for one class, with 'auto' and 'none' resolved as the loss modules do. */
export function mapTerms(loss: MapLossId, stats: ClassStats, field: FieldScalars, o: ResolvedOptions): MapTerms {
  const s = stats.sums;
  const params = o.resolved[loss];
  const base = { ...field, wPos: 1, wNeg: 1, gamma: 0, halfAlpha: o.sumParams.hausdorffAlpha / 2 };
  switch (loss) {
    case 'ce':
      return { ...base, kind: 0 };
    case 'weighted-ce':
      return { ...base, kind: 0, wPos: weightedCeBeta(s, params) };
    case 'balanced-ce': {
      const beta = balancedCeBeta(s, params);
      return { ...base, kind: 0, wPos: beta, wNeg: 1 - beta };
    }
    case 'focal': {
      const a = params.alpha === 'none' ? null : (params.alpha as number);
      return { ...base, kind: 1, wPos: a ?? 1, wNeg: a === null ? 1 : 1 - a, gamma: params.gamma as number };
    }
    case 'distance-penalized-ce':
      return { ...base, kind: 2 };
    case 'shape-aware': {
      const e = shapeAwareE(stats.surface);
      return { ...base, kind: 0, wPos: 1 + e, wNeg: 1 + e };
    }
    case 'hausdorff-dt':
      return { ...base, kind: 3 };
    case 'boundary':
      return { ...base, kind: 4 };
  }
}

/** One valid pixel's contribution: p its probability, y its label (0/1), dy2 and dp2 its squared fields. */
export function contribution(t: MapTerms, p: number, y: number, dy2: number, dp2: number): number {
  switch (t.kind) {
    case 0:
      return (y ? t.wPos : t.wNeg) * pixelCe(p, y);
    case 1: {
      const pow = powerFn(t.gamma);
      return y ? t.wPos * pow(1 - clampP(p)) * pixelCe(p, 1) : t.wNeg * pow(clampP(p)) * pixelCe(p, 0);
    }
    case 2:
      return distancePenalty(y, Math.sqrt(dy2), t) * pixelCe(p, y);
    case 3:
      return hausdorffDtTerm(p, y, dy2, dp2, t, powerFn(t.halfAlpha));
    case 4:
      return boundaryTerm(p, y, Math.sqrt(dy2), t);
  }
}
