/**
 * How a parameter's slider maps positions to values. A range spanning several decades (smoothing
 * 0…100 where 1e-5 matters, a class weight 0…1000) gets a logarithmic slider, with 0 at its left end
 * when 0 is allowed; narrow ranges stay linear. Generated from the registry's specs, so new parameters
 * need nothing here. Pure.
 */
import type { ParamSpec } from '../../src/core/params';

export interface ParamScale {
  kind: 'linear' | 'log';
  /** The range input's attributes. */
  min: number;
  max: number;
  step: number;
  toValue(position: number): number;
  toPosition(value: number): number;
}

/** Decades of max / step from which a slider is logarithmic. */
const LOG_DECADES = 3;
/** The smallest positive value a logarithmic slider reaches when its range starts at 0 (the log clamp's order). */
const LOG_FLOOR = 1e-7;
const STEPS_PER_DECADE = 100;

/** Values a log slider gives, to 3 significant digits (1e-5, not 1.0000000000000004e-5). */
const tidy = (v: number): number => Number(v.toPrecision(3));

export function isWideRange(spec: Pick<ParamSpec, 'min' | 'max' | 'step'>): boolean {
  return spec.min >= 0 && spec.max > 0 && Math.log10(spec.max / spec.step) >= LOG_DECADES;
}

export function paramScale(spec: Pick<ParamSpec, 'min' | 'max' | 'step'>): ParamScale {
  if (!isWideRange(spec)) {
    return { kind: 'linear', min: spec.min, max: spec.max, step: spec.step, toValue: (p) => p, toPosition: (v) => v };
  }
  const zero = spec.min === 0;
  // Whole decades from the lowest positive value, so round values (1e-5, 0.01, 1) are exact positions.
  const lo = 10 ** Math.floor(Math.log10(zero ? LOG_FLOOR : spec.min));
  const top = Math.ceil(STEPS_PER_DECADE * Math.log10(spec.max / lo));
  const first = zero ? 1 : 0; // position 0 is the value 0 itself
  const clamp = (v: number) => Math.min(spec.max, Math.max(spec.min, v));
  return {
    kind: 'log',
    min: 0,
    max: top + first,
    step: 1,
    toValue: (p) => (zero && p <= 0 ? 0 : clamp(tidy(lo * 10 ** ((p - first) / STEPS_PER_DECADE)))),
    toPosition: (v) => (zero && v <= 0 ? 0 : Math.min(top + first, Math.max(first, first + Math.round(STEPS_PER_DECADE * Math.log10(Math.max(v, lo) / lo))))),
  };
}
