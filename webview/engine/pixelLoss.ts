/**
 * Per-pixel contributions of the pixel-wise losses, generated from the registry: a loss with a
 * `pixelMap` has a heat map, made of the terms of src/core/stats/terms/. Each loss value is the mean
 * of its map over the valid pixels (tests hold mean(map) == the core's value). The GPU's
 * lossMapProgram evaluates the same terms from the same constants; this is the float64 version for
 * the CPU fallback and the hover read-out.
 */
import type { ResolvedOptions } from '../../src/core/engine';
import type { PixelMap } from '../../src/core/losses/types';
import { LOSSES, getLoss } from '../../src/core/registry';
import { type ClassStats, type FieldScalars, pixelTerm, type PixelTermFn, type SumParams } from '../../src/core/backend';

export const MAP_LOSSES: readonly string[] = LOSSES.filter((l) => l.pixelMap).map((l) => l.id);
export type MapLossId = string;
export const isMapLoss = (id: string): id is MapLossId => MAP_LOSSES.includes(id);

/** Everything a backend needs to draw one map of one class. */
export interface MapTerms extends PixelMap {
  params: SumParams;
  field: FieldScalars;
  /** The two terms at a pixel (CPU). */
  posAt: PixelTermFn;
  negAt: PixelTermFn;
}

/** The map of a term (or of two, one per side) with these weights. */
export function termMap(map: PixelMap, params: SumParams, field: FieldScalars): MapTerms {
  return { ...map, params, field, posAt: pixelTerm(map.pos, params, field), negAt: pixelTerm(map.neg, params, field) };
}

/** The constants of a loss's map for one class, with 'auto' and 'none' resolved as the loss modules do. */
export function mapTerms(loss: MapLossId, stats: ClassStats, field: FieldScalars, o: ResolvedOptions): MapTerms {
  const m = getLoss(loss);
  if (!m.pixelMap) throw new RangeError(`loss '${loss}' has no per-pixel map`);
  return termMap(m.pixelMap(stats, { params: o.resolved[loss], preset: o.preset }), o.sumParams, field);
}

/** One valid pixel's contribution: p its probability, y its label (0/1), dy2 and dp2 its squared fields. */
export const contribution = (t: MapTerms, p: number, y: number, dy2: number, dp2: number): number =>
  y ? t.wPos * t.posAt(p, 1, dy2, dp2) : t.wNeg * t.negAt(p, 0, dy2, dp2);
