/**
 * The core's WebAssembly kernels (assembly/, built by `npm run wasm`): loops of the TypeScript core
 * compiled ahead of time, with the same arithmetic, so the same values bit for bit. They run as compiled
 * code from the first pair on, without the JIT's warm-up or bounds checks. Where WebAssembly cannot run
 * (a webview whose content security policy refuses it) `kernelScratch` gives undefined and the
 * TypeScript loops serve; tests hold each kernel equal to them.
 */
import { KERNELS_WASM } from './kernelsWasm';

/** The kernels' exports (byte offsets into the instance's memory, and sizes). */
export interface Kernels {
  twoSided(mask: number, rows: number, row: number, f: number, v: number, z: number, sq: number, fg: number, bg: number, w: number, h: number, sx2: number): number;
  boundary(mask: number, out: number, w: number, h: number): void;
  countCodes(values: number, y: number, hard: number, valid: number, n: number, counts: number, h: number): void;
  takeCounts(counts: number, size: number, out: number, half: number): number;
  binaryMaps(labels: number, prob: number, n: number, cut32: number, ignore: number, gt: number, pred: number, counts: number): void;
  binaryLabels(values: number, n: number, fg: number, ignore: number, labels: number): void;
  scaleU16(values: number, n: number, scale: number, out: number): void;
}

/** The kernels with their memory laid out in regions (byte offsets, each 8-aligned) for one call. */
export interface KernelScratch<R extends string> {
  kernels: Kernels;
  /** The memory's buffer now: views made from it are good until the next `kernelScratch`. */
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
/** Memory up to this many bytes (a 2048² pair's largest layout, its class maps: 28 MiB) is kept from pair to pair. */
const KEEP_BYTES = 48 << 20;

/**
 * The thread's one instance: every kernel lays its arrays out from the start of its memory per call
 * (a kernel's results are copied out before the next call), so the pages a pair faults in serve every
 * kernel of every later pair. Grown as a call needs; `fitScratch` lets a large one go.
 */
let shared: { kernels: Kernels; memory: WebAssembly.Memory } | undefined;

/**
 * The kernels with memory for regions of these sizes in bytes; undefined where WebAssembly cannot run,
 * or memory this large is refused (the TypeScript loops, which need none, then serve the call).
 */
export function kernelScratch<R extends string>(regions: Record<R, number>): KernelScratch<R> | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  let end = 0;
  const at = {} as Record<R, number>;
  for (const name of Object.keys(regions) as R[]) {
    at[name] = end;
    end += Math.ceil(regions[name] / 8) * 8;
  }
  const pages = Math.max(1, Math.ceil(end / PAGE));
  try {
    if (!shared) {
      const memory = new WebAssembly.Memory({ initial: pages });
      shared = { kernels: new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels, memory };
    } else if (shared.memory.buffer.byteLength < pages * PAGE) shared.memory.grow(pages - shared.memory.buffer.byteLength / PAGE);
  } catch {
    return undefined;
  }
  return { kernels: shared.kernels, buffer: shared.memory.buffer, at };
}

/** The most bytes a pixel any kernel lays out (a binary pair's maps: labels, probability, two maps). */
const MOST_BYTES_PER_PIXEL = 7;

/**
 * Before a pair of this many pixels: lets go of memory a larger pair grew past what is kept, so that
 * a large image early in a batch does not hold it for the rest of the run (the same size again keeps it).
 */
export function fitScratch(pixels: number): void {
  const size = shared?.memory.buffer.byteLength ?? 0;
  // Beyond the bytes per pixel, the code histogram's counts and lists: at most 1.5 MiB.
  if (size > KEEP_BYTES && size > MOST_BYTES_PER_PIXEL * pixels + (2 << 20)) shared = undefined;
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
