/**
 * Two decoding steps in WebAssembly (assembly/decode.ts), sixteen (four) pixels a vector step: a binary
 * byte map's labels and a 16-bit grey prediction's probabilities, the same values as the loops of
 * `labels.ts` and `prediction.ts` they stand in for.
 */
import { kernelScratch } from '../wasm/kernels';

/** `binaryLabels` of byte values into byte labels (ignore −1: none); false where the kernel cannot run. */
export function binaryLabelsByKernel(values: Uint8Array, fg: number, ignore: number, labels: Uint8Array): boolean {
  const n = values.length;
  const s = kernelScratch({ values: n, labels: n });
  if (!s) return false;
  const { kernels, buffer, at } = s;
  new Uint8Array(buffer, at.values, n).set(values);
  kernels.binaryLabels(at.values, n, fg, ignore, at.labels);
  labels.set(new Uint8Array(buffer, at.labels, n));
  return true;
}

/** values / scale as float32 (the float64 quotient rounded); undefined where the kernel cannot run. */
export function scaledByKernel(values: Uint16Array, scale: number): Float32Array | undefined {
  const n = values.length;
  const s = kernelScratch({ values: 2 * n, out: 4 * n });
  if (!s) return undefined;
  const { kernels, buffer, at } = s;
  new Uint16Array(buffer, at.values, n).set(values);
  kernels.scaleU16(at.values, n, scale, at.out);
  return new Float32Array(buffer.slice(at.out, at.out + 4 * n));
}
