/**
 * The options a user sets in more than one place — the engine's defaults, the comparison webview's, the
 * command line and the `maskInspector.*` settings (and package.json's schema of them) — declared once:
 * each one's default and the values it takes. Everything else reads them from here.
 */
import { ACTIVATIONS, type Activation } from './io/activation';
import { DEFAULT_MAX_PIXELS } from './io/errors';
import type { MeanOver } from './report/pooled';
import { PRESETS, type PresetId } from './types';

/** The numbers an option takes: `min`…`max` (either end excluded if said), integers only if said. */
export interface NumberRange {
  min: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
  /** What a valid value is, for messages ("a number in [0, 1)"). */
  what: string;
}

export interface NumberOption extends NumberRange {
  default: number;
}

export interface ChoiceOption<T extends string> {
  default: T;
  values: readonly T[];
}

/** Whether `x` is a finite number in the range. */
export function inRange(r: NumberRange, x: unknown): x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < r.min || (r.minExclusive && x === r.min)) return false;
  if (r.integer && !Number.isInteger(x)) return false;
  if (r.max === undefined) return true;
  return r.maxExclusive ? x < r.max : x <= r.max;
}

/** Hard prediction is p > threshold. */
export const THRESHOLD: NumberOption = { default: 0.5, min: 0, max: 1, maxExclusive: true, what: 'a number in [0, 1)' };
/** Tolerance of the normalised surface distance, in spacing units. */
export const NSD_TOLERANCE: NumberOption = { default: 1, min: 0, what: 'a number ≥ 0' };
/** Percentile of the metric hd95 (the id stays hd95). */
export const HD_PERCENTILE: NumberOption = { default: 95, min: 0, max: 100, what: 'a number in [0, 100]' };
/** Pixels (voxels) a mask may have, checked from its header before decoding. */
export const MAX_PIXELS: NumberOption = { default: DEFAULT_MAX_PIXELS, min: 1, integer: true, what: 'a positive integer' };
/** A ground-truth label left out of every sum; none by default. */
export const IGNORE_INDEX: NumberRange = { min: 0, max: 65535, integer: true, what: 'an integer label 0..65535' };
/** Pixel size along x (columns) and y (rows); each entry a positive number. */
export const SPACING = { default: [1, 1] as const, entry: { min: 0, minExclusive: true, what: 'a positive number' } satisfies NumberRange };

export const PRESET: ChoiceOption<PresetId> = { default: 'paper', values: PRESETS };
/** What float predictions outside [0, 1] get. */
export const ACTIVATION: ChoiceOption<Activation> = { default: 'auto', values: ACTIVATIONS };
/** Classes the pooled (dataset-level) means run over. */
export const MEAN_OVER_OPTION: ChoiceOption<MeanOver> = { default: 'foreground', values: ['foreground', 'all'] };

/** The 2-D spacing default as a fresh array (callers may keep and change theirs). */
export const defaultSpacing = (): [number, number] => [SPACING.default[0], SPACING.default[1]];
