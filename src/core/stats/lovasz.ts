/**
 * Lovász hinge (Berman et al. 2018) of one binary problem from a stream of hinge errors sorted in
 * descending order. Ties need no order: a tied group adds relu(e)·(J_after − J_before) whatever the
 * order inside it, since the Lovász–Jaccard gradient telescopes. Errors ≤ 0 add nothing, so only the
 * positive ones are ever sorted.
 */
export class LovaszAccumulator {
  private pos = 0;
  private neg = 0;
  private jPrev = 0;
  total = 0;
  constructor(private readonly positives: number) {}

  /** Adds `pos` ground-truth-positive and `neg` negative pixels that share the error `e` (> 0). */
  add(e: number, pos: number, neg: number): void {
    this.pos += pos;
    this.neg += neg;
    const gts = this.positives;
    const j = 1 - (gts - this.pos) / (gts + this.neg);
    this.total += e * (j - this.jPrev);
    this.jPrev = j;
  }
}

/**
 * Sorts indices by a 32-bit unsigned key, descending, with three 11-bit LSD radix passes: linear
 * time, where a comparison sort of a million floats costs more than the whole rest of the engine.
 */
export function radixSortDescending(keys: Uint32Array, index: Uint32Array): Uint32Array {
  const n = keys.length;
  let kIn: Uint32Array = new Uint32Array(n);
  let iIn: Uint32Array = index;
  // Descending: sort the complemented keys ascending.
  for (let i = 0; i < n; i++) kIn[i] = ~keys[i] >>> 0;
  let kOut: Uint32Array = new Uint32Array(n);
  let iOut: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(kIn[i] >>> shift) & 2047]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const dst = count[(kIn[i] >>> shift) & 2047]++;
      kOut[dst] = kIn[i];
      iOut[dst] = iIn[i];
    }
    [kIn, kOut] = [kOut, kIn];
    [iIn, iOut] = [iOut, iIn];
  }
  return iIn;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** Order-preserving key of a positive float (its float32 bit pattern). */
export function positiveFloatKey(x: number): number {
  f32[0] = x;
  return u32[0];
}
