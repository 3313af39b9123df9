/**
 * The two-sided transform of an image in WebAssembly (assembly/twoSidedEdt.ts, built by `npm run wasm`):
 * the passes of `twoSided2d` with the same float64 arithmetic, so the same values bit for bit, in about
 * 0.6 of its time (a 256² mask 1.13 → 0.71 ms; the row envelopes' divisions and branches run as compiled
 * code from the first pair on, without the JIT's warm-up or bounds checks). Where WebAssembly cannot run,
 * as in a webview whose content security policy refuses it, the TypeScript transform serves.
 */
import { TWO_SIDED_EDT_WASM } from './twoSidedEdtWasm';

interface KernelExports {
  twoSided(mask: number, rows: number, out: number, f: number, v: number, z: number, sq: number, fg: number, bg: number, w: number, h: number, sx2: number): number;
}

/** The compiled module, once per thread; null where WebAssembly is unavailable or refused. */
let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(base64Bytes(TWO_SIDED_EDT_WASM));
    } catch {
      compiled = null;
    }
  }
  return compiled;
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

const PAGE = 65536;

/**
 * One grid's instance: the kernel with a memory laid out for its masks (mask u8, column distances i32,
 * distances f32 per pixel; a row's envelope; the squares table), made once and reused for every mask.
 */
export class TwoSidedKernel {
  private constructor(
    private readonly exports: KernelExports,
    private readonly mask: Uint8Array,
    private readonly out: Float32Array,
    private readonly at: Record<'mask' | 'rows' | 'out' | 'f' | 'v' | 'z' | 'sq' | 'fg' | 'bg', number>,
    private readonly w: number,
    private readonly h: number,
    private readonly sx2: number,
  ) {}

  /** The kernel for images of this size and spacing; undefined where it cannot run (or its memory cannot be had). */
  static create(width: number, height: number, sx: number, sy: number): TwoSidedKernel | undefined {
    const module = kernelModule();
    if (!module) return undefined;
    const n = width * height;
    let end = 0;
    const take = (bytes: number): number => {
      const start = end;
      end += Math.ceil(bytes / 8) * 8;
      return start;
    };
    const at = { mask: take(n), rows: take(4 * n), out: take(4 * n), f: take(8 * width), v: take(4 * width), z: take(8 * (width + 1)), sq: take(8 * (2 * height + 1)), fg: take(height), bg: take(height) };
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) });
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      // The squares table of `EdtWorkspace.squares(h, sy²)`: r·r·sy² below h, ∞ up to 2h.
      const sq = new Float64Array(memory.buffer, at.sq, 2 * height + 1);
      const sy2 = sy * sy;
      for (let r = 0; r < height; r++) sq[r] = r * r * sy2;
      sq.fill(Infinity, height);
      const exports = instance.exports as unknown as KernelExports;
      return new TwoSidedKernel(exports, new Uint8Array(memory.buffer, at.mask, n), new Float32Array(memory.buffer, at.out, n), at, width, height, sx * sx);
    } catch {
      return undefined; // a memory this large refused: the TypeScript transform needs none
    }
  }

  /**
   * `twoSidedSquaredEdt` of mask (0 or 1 per pixel) into out. False, writing nothing, when the mask has
   * no pixel or no background: every distance is then 0.
   */
  run(mask: Uint8Array, out: Float32Array): boolean {
    const { at } = this;
    this.mask.set(mask);
    if (!this.exports.twoSided(at.mask, at.rows, at.out, at.f, at.v, at.z, at.sq, at.fg, at.bg, this.w, this.h, this.sx2)) return false;
    out.set(this.out);
    return true;
  }
}
