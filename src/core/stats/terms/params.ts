/**
 * The loss parameters that enter per-pixel sums (a change of one needs a new pixel pass). Each is
 * read from one loss's resolved parameters; the GPU passes it as the uniform `uniformOf(name)`.
 */
import type { ParamValues } from '../../params';

export const SUM_PARAMS = {
  focalGamma: { loss: 'focal', key: 'gamma' },
  expLogCeGamma: { loss: 'exp-log', key: 'ceGamma' },
  hausdorffAlpha: { loss: 'hausdorff-dt', key: 'alpha' },
} as const;

export type SumParamName = keyof typeof SUM_PARAMS;

/** Parameters that per-pixel sums depend on. */
export type SumParams = Record<SumParamName, number>;

export const SUM_PARAM_NAMES = Object.keys(SUM_PARAMS) as SumParamName[];

/** The GLSL uniform holding a parameter: focalGamma → uFocalGamma. */
export const uniformOf = (name: SumParamName): string => `u${name[0].toUpperCase()}${name.slice(1)}`;

/** The sum parameters from every loss's resolved parameters. */
export function sumParamsFrom(resolved: Readonly<Record<string, ParamValues>>): SumParams {
  const out = {} as SumParams;
  for (const name of SUM_PARAM_NAMES) {
    const { loss, key } = SUM_PARAMS[name];
    out[name] = resolved[loss][key] as number;
  }
  return out;
}
