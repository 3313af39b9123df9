import { SettingError, type PresetId } from './types';

/** A parameter's value: a number, or the special value its spec allows ('auto' or 'none'). */
export type ParamValue = number | 'auto' | 'none';
export type ParamValues = Record<string, ParamValue>;

export interface ParamSpec {
  key: string;
  label: string;
  /** One line: what moving this parameter does. */
  description: string;
  default: ParamValue;
  min: number;
  max: number;
  step: number;
  /** The non-numeric value this parameter accepts, if any. */
  special?: 'auto' | 'none';
}

export interface ParameterisedSpec {
  id: string;
  params: readonly ParamSpec[];
  /** Defaults a preset changes; explicit parameters still win. */
  presetDefaults?: Partial<Record<PresetId, ParamValues>>;
}

/** Defaults of the preset, then the user's values. Unknown keys and out-of-range values throw. */
export function resolveParams(spec: ParameterisedSpec, preset: PresetId, overrides: ParamValues = {}): ParamValues {
  const out: ParamValues = {};
  for (const p of spec.params) out[p.key] = p.default;
  Object.assign(out, spec.presetDefaults?.[preset]);
  for (const [key, value] of Object.entries(overrides)) out[key] = checkParam(spec, key, value);
  return out;
}

function paramSpec(spec: ParameterisedSpec, key: string): ParamSpec {
  const p = spec.params.find((q) => q.key === key);
  if (!p) {
    const known = spec.params.map((q) => q.key).join(', ') || 'none';
    throw new SettingError(`${spec.id} has no parameter '${key}' (parameters: ${known})`);
  }
  return p;
}

export function checkParam(spec: ParameterisedSpec, key: string, value: ParamValue): ParamValue {
  const p = paramSpec(spec, key);
  if (typeof value === 'string') {
    if (value !== p.special) throw new SettingError(`${spec.id}.${key} must be a number${p.special ? ` or '${p.special}'` : ''}`);
    return value;
  }
  if (!Number.isFinite(value) || value < p.min || value > p.max)
    throw new SettingError(`${spec.id}.${key} must lie in [${p.min}, ${p.max}], got ${value}`);
  return value;
}

/** Parses the text of `--param ID.KEY=VALUE` or a setting into a checked value. */
export function parseParamValue(spec: ParameterisedSpec, key: string, text: string): ParamValue {
  const t = text.trim();
  if (t === 'auto' || t === 'none') return checkParam(spec, key, t);
  const value = Number(t);
  // Number('') is 0: an empty value is a mistake, not zero.
  if (t === '' || !Number.isFinite(value)) {
    const p = paramSpec(spec, key);
    throw new SettingError(`${spec.id}.${key} must lie in [${p.min}, ${p.max}], got '${text}'`);
  }
  return checkParam(spec, key, value);
}

/** The numeric value of a resolved parameter; callers handle the special value first. */
export function num(params: ParamValues, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new TypeError(`parameter ${key} is '${String(v)}', not a number`);
  return v;
}
