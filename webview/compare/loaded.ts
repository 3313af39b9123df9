/** What the comparison view holds about the pair it shows, and what its last computation left. */
import type { PairInput } from '../../src/core/types';
import type { PairPayload } from '../../src/shared/protocol';
import type { MapLossId, MapTerms } from '../engine/pixelLoss';
import type { ClassOverlay, ViewEngine } from '../engine/types';

/** The pair shown, decoded, with the engine it was given to. */
export interface Loaded {
  payload: PairPayload;
  input: PairInput;
  requestId: number;
  engine: ViewEngine;
  notice?: string;
}

/** What the last computation left for hovering and drawing. */
export interface Shown {
  view: number;
  overlay: ClassOverlay;
  terms: Map<MapLossId, MapTerms>;
}

/** The predicted probability of the class shown (the foreground of a binary pair). */
export function classProb(input: PairInput, view: number): Float32Array | Float64Array {
  const n = input.width * input.height;
  return input.prob.subarray(view * n, (view + 1) * n);
}

/** The title the toolbar and a copied table show. */
export const pairTitle = (payload: PairPayload): string => payload.title ?? `${payload.predName} vs ${payload.gtName}`;
