/** Shared value and input types of the pure core. No `vscode`, no DOM. */

export type Status = 'ok' | 'undefined' | 'infinite';

/** A number that is never NaN: `value` is null unless `status` is `ok`. */
export interface Tagged {
  value: number | null;
  status: Status;
}

export type PresetId = 'paper' | 'monai' | 'smp' | 'medpy';
export const PRESETS: readonly PresetId[] = ['paper', 'monai', 'smp', 'medpy'];

export type Category = 'distribution' | 'region' | 'boundary' | 'compound';
export const CATEGORIES: readonly Category[] = ['distribution', 'region', 'boundary', 'compound'];

/** Label map: 0/1 for a binary pair, class indices for a multi-class pair. */
export type LabelArray = Uint8Array | Uint16Array;

/**
 * One ground truth / prediction pair as the engine sees it, after decoding.
 * `prob` is the foreground probability (H*W) when `classes` is 2 and `mode` is binary,
 * otherwise channel-major `[C,H,W]` class probabilities.
 */
export interface PairInput {
  width: number;
  height: number;
  /** Slices of a volume (`labels` and each channel of `prob` are then [D,H,W]); absent or 1 for an image. */
  depth?: number;
  mode: 'binary' | 'multiclass';
  classes: number;
  labels: LabelArray;
  prob: Float32Array | Float64Array;
  /** Pixels whose label equals this are removed from every sum (e.g. 255). */
  ignoreIndex?: number;
  /**
   * For a binary pair read from a grey PNG: `prob[i]` is exactly `values[i] / levels`. The engine then
   * sums over a histogram of the codes (exact in float64, and linear in pixels with no per-pixel log).
   */
  probCodes?: ProbCodes;
}

export interface ProbCodes {
  values: Uint8Array | Uint16Array;
  levels: number;
}

/** A clear, one-line problem with one file, never a stack trace. */
export interface MaskProblem {
  code: string;
  message: string;
}

/**
 * A setting (loss, metric or parameter) that does not exist or is out of range: the run's fault, not a
 * file's. A RangeError, as callers that validate settings expect.
 */
export class SettingError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

export class MaskError extends Error implements MaskProblem {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MaskError';
  }
}
