/**
 * The core's WebAssembly kernels (assembly/, built by `npm run wasm`): loops of the TypeScript core
 * compiled ahead of time, with the same arithmetic, so the same values bit for bit. They run as compiled
 * code from the first pair on, without the JIT's warm-up or bounds checks. Where WebAssembly cannot run
 * (a webview whose content security policy refuses it) `instantiate` gives undefined and the TypeScript
 * loops serve; tests hold each kernel equal to them.
 */
import { KERNELS_WASM } from './kernelsWasm';

/** The kernels' exports (byte offsets into the instance's memory, and sizes). */
export interface Kernels {
  twoSided(mask: number, rows: number, out: number, f: number, v: number, z: number, sq: number, fg: number, bg: number, w: number, h: number, sx2: number): number;
  boundary(mask: number, out: number, w: number, h: number): void;
  countCodes(values: number, y: number, hard: number, valid: number, n: number, counts: number, h: number): void;
  takeCounts(counts: number, size: number, out: number, half: number): number;
  binaryMaps(labels: number, prob: number, n: number, cut32: number, ignore: number, gt: number, pred: number, counts: number): void;
}

/** An instance with a memory of its own, laid out in regions (byte offsets, each 8-aligned). */
export interface KernelInstance<R extends string> {
  kernels: Kernels;
  buffer: ArrayBuffer;
  at: Record<R, number>;
}

/** The compiled module, once per thread; null where WebAssembly is unavailable or refused. */
let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(base64Bytes(KERNELS_WASM));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE = 65536;

/**
 * An instance whose memory holds the regions of these sizes in bytes; undefined where WebAssembly cannot
 * run, or a memory this large is refused (the TypeScript loops need none).
 */
export function instantiate<R extends string>(regions: Record<R, number>): KernelInstance<R> | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  let end = 0;
  const at = {} as Record<R, number>;
  for (const name of Object.keys(regions) as R[]) {
    at[name] = end;
    end += Math.ceil(regions[name] / 8) * 8;
  }
  try {
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(end / PAGE)) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return { kernels: instance.exports as unknown as Kernels, buffer: memory.buffer, at };
  } catch {
    return undefined;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of a base64 string (no `atob` or `Buffer`: the core runs where either may be missing). */
function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const value = new Uint8Array(128);
  for (let i = 0; i < B64.length; i++) value[B64.charCodeAt(i)] = i;
  const digits = text.replace(/=+$/, '');
  const out = new Uint8Array((digits.length * 3) >> 2);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < digits.length; i++) {
    acc = (acc << 6) | value[digits.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
