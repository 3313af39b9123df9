import { maskError } from './errors';

/** What turns a float prediction into probabilities: `auto` only when its values leave [0, 1]. */
export type Activation = 'auto' | 'none' | 'sigmoid' | 'softmax';
export const ACTIVATIONS: readonly Activation[] = ['auto', 'none', 'sigmoid', 'softmax'];

export interface ActivationInput {
  name: string;
  mode: Activation;
  /** Channels of the array (1 = foreground logit) and pixels per channel. */
  channels: number;
  n: number;
  /** Whether the channel is the first axis ([C,H,W]) or the last ([H,W,C]). */
  channelsFirst: boolean;
  /** Range of the values, and whether it leaves [0, 1] beyond float rounding. */
  min: number;
  max: number;
  outside: boolean;
  /** Independent channels (multi-label): `auto` applies sigmoid to each. */
  multiLabel?: boolean;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The values an activation gives (same layout as `data`), with the warning to show; `data` itself when
 * nothing is to be applied. `none` refuses values outside [0, 1], naming the file and the range.
 */
export function applyActivation(data: ArrayLike<number>, a: ActivationInput): { data: ArrayLike<number>; warning?: string } {
  const range = `[${a.min}, ${a.max}]`;
  if (a.mode === 'none' || (a.mode === 'auto' && !a.outside)) {
    if (!a.outside) return { data };
    throw maskError('not-probabilities', a.name, `values outside [0, 1] (min ${a.min}, max ${a.max}): this tool takes probabilities, not logits; apply sigmoid or softmax first, or give --activation auto|sigmoid|softmax`);
  }
  const kind = a.mode === 'auto' ? (a.channels === 1 || a.multiLabel ? 'sigmoid' : 'softmax') : a.mode;
  if (kind === 'softmax' && a.channels === 1) {
    throw maskError('not-probabilities', a.name, 'softmax needs class channels (C, H, W) or (H, W, C), but this prediction has one channel; use sigmoid');
  }
  const out = new Float64Array(data.length);
  if (kind === 'sigmoid') for (let i = 0; i < data.length; i++) out[i] = sigmoid(data[i]!);
  else {
    // Softmax over the channels of each pixel, shifted by the pixel's maximum so exp cannot overflow.
    const { channels: C, n } = a;
    const at = a.channelsFirst ? (c: number, p: number) => c * n + p : (c: number, p: number) => p * C + c;
    for (let p = 0; p < n; p++) {
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, data[at(c, p)]!);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += out[at(c, p)] = Math.exp(data[at(c, p)]! - m);
      for (let c = 0; c < C; c++) out[at(c, p)] /= sum;
    }
  }
  const why = a.mode === 'auto' ? `values in ${range} are not probabilities; ` : '';
  const over = kind === 'softmax' ? ` over ${a.channels} channels` : '';
  return { data: out, warning: `${a.name}: ${why}applied ${kind}${over}${a.mode === 'auto' ? ' (--activation auto)' : ''}` };
}
