/** Loss parameters as text for quick picks and input boxes. Pure. */
import { parseParamValue, resolveParams, type ParamValue, type ParamValues } from '../core/params';
import type { LossModule } from '../core/registry';
import type { PresetId } from '../core/types';

/** "smooth=1, fpWeight=0.3*" — the effective values, `*` marking those the user set. */
export function paramSummary(loss: LossModule, preset: PresetId, explicit: ParamValues): string {
  const values = resolveParams(loss, preset, explicit);
  return loss.params.map((p) => `${p.key}=${String(values[p.key])}${explicit[p.key] === undefined ? '' : '*'}`).join(', ');
}

/** The checked value of a typed parameter, or the one-line reason it is not valid. */
export function parseParamValueText(loss: LossModule, key: string, text: string): { value?: ParamValue; error?: string } {
  try {
    return { value: parseParamValue(loss, key, text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
