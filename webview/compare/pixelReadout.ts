/** The read-out of the pixel under the pointer: its labels, probability, signed distance and loss contributions. */
import { argmaxAt } from '../../src/core/argmax';
import { contribution, MAP_LOSSES, type MapTerms } from '../engine/pixelLoss';
import { signedDistance } from '../render/layers';
import type { PixelInfo } from '../ui/readout';
import { classProb, type Loaded, type Shown } from './loaded';
import { LOSS_NAMES } from './lossNames';

export function pixelReadout(loaded: Loaded, shown: Shown, p: { x: number; y: number }): PixelInfo {
  const { input, payload } = loaded;
  const i = p.y * input.width + p.x;
  const n = input.width * input.height;
  const label = input.labels[i];
  const ignored = input.ignoreIndex !== undefined && label === input.ignoreIndex;
  const className = (c: number) => payload.classNames[c] ?? `class ${c}`;
  const { overlay, terms } = shown;
  const prob = classProb(input, shown.view)[i];
  let predicted: string | undefined;
  if (input.mode === 'multiclass') {
    predicted = className(argmaxAt(input.prob, input.classes, n, i));
  }
  const y = overlay.y[i];
  return {
    x: p.x,
    y: p.y,
    label: ignored ? `ignored (${label})` : className(input.mode === 'binary' ? (label ? 1 : 0) : label),
    prob,
    predicted,
    sdf: signedDistance(overlay, i),
    contributions: ignored ? [] : MAP_LOSSES.map((id) => [id, LOSS_NAMES.get(id) ?? id, contribution(terms.get(id) as MapTerms, prob, y, overlay.dy2[i], overlay.dp2[i])]),
  };
}
