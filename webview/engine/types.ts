/** The webview's engine seam: the GPU engine and the CPU fallback both fill these. */
import type { ResolvedOptions } from '../../src/core/engine';
import type { ClassStats, FieldScalars } from '../../src/core/backend';
import type { PairInput } from '../../src/core/types';
import type { Backend } from '../../src/shared/protocol';
import type { MapTerms } from './pixelLoss';

/** The pixels of one boundary (row-major indices, ascending) and each one's distance to the other boundary. */
export interface BoundaryDistances {
  index: Uint32Array;
  /** Spacing units; Infinity when the other boundary is empty. */
  dist: Float64Array;
}

/** Everything the overlays and the hover read-out show of one class at the current threshold. */
export interface ClassOverlay {
  y: Uint8Array;
  hard: Uint8Array;
  valid: Uint8Array | null;
  /** Squared distance of each pixel to the other side of y, and of the hard prediction. */
  dy2: Float32Array;
  dp2: Float32Array;
  predToGt: BoundaryDistances;
  gtToPred: BoundaryDistances;
  field: FieldScalars;
}

export interface ViewEngine {
  readonly backend: Backend;
  /** Takes a new pair; what was kept for the previous one is released. */
  setPair(pair: PairInput): void;
  /** Statistics of every binary problem of the pair (one for a binary pair, one per class otherwise). */
  stats(o: ResolvedOptions): Promise<ClassStats[]>;
  overlay(view: number, o: ResolvedOptions): Promise<ClassOverlay>;
  /** Per-pixel contribution of a pixel-wise loss (0 on ignored pixels). */
  lossMap(view: number, terms: MapTerms, o: ResolvedOptions): Promise<Float32Array>;
  /** Live tensors (GPU engine), to show that nothing leaks. */
  numTensors(): number | undefined;
  dispose(): void;
}
