/** The engine's `PairInput` from a `load` payload, its sizes checked (the payload crossed a process boundary). */
import type { PairInput } from '../src/core/types';
import type { PairPayload } from '../src/shared/protocol';

const typed = (type: 'uint8' | 'uint16', b: ArrayBuffer): Uint8Array | Uint16Array => (type === 'uint16' ? new Uint16Array(b) : new Uint8Array(b));

export function pairInputFrom(p: PairPayload): PairInput {
  const n = p.width * p.height;
  const labels = typed(p.labelType, p.labels);
  const prob = new Float32Array(p.prob);
  const channels = p.mode === 'binary' ? 1 : p.classes;
  if (labels.length !== n || prob.length !== channels * n) {
    throw new Error(`pair ${p.key}: expected ${n} labels and ${channels}×${n} probabilities, got ${labels.length} and ${prob.length}`);
  }
  const input: PairInput = { width: p.width, height: p.height, mode: p.mode, classes: p.classes, labels, prob };
  if (p.ignoreIndex !== undefined) input.ignoreIndex = p.ignoreIndex;
  if (p.probCodes) {
    const values = typed(p.probCodes.valueType, p.probCodes.values);
    if (values.length === n) input.probCodes = { values, levels: p.probCodes.levels };
  }
  return input;
}
