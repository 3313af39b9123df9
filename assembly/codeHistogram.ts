/**
 * The histogram of a quantised prediction (`codeHistogram` in src/core/stats/codeTable.ts): counts per
 * entry 2·code + label of the valid pixels, then the entries with pixels in code order. Integers only,
 * so equal to the TypeScript loops by construction (test/core/codeTable.test.ts holds them to it).
 */

/**
 * Adds the pixels to counts (u32 per entry, zero before: the caller clears them) and writes the hard
 * counts to h (f64[2]): valid pixels of the hard prediction, and those with label 1. values u16, y, hard
 * and valid u8 per pixel; valid 0: all.
 */
export function countCodes(values: usize, y: usize, hard: usize, valid: usize, n: i32, counts: usize, h: usize): void {
  let hardP = 0;
  let hardTp = 0;
  for (let i = 0; i < n; i++) {
    if (valid && !load<u8>(valid + i)) continue;
    const l = <i32>load<u8>(y + i);
    const b = <i32>load<u8>(hard + i);
    const at = counts + ((((<usize>load<u16>(values + (<usize>i << 1))) << 1) + l) << 2);
    store<u32>(at, load<u32>(at) + 1);
    hardP += b;
    hardTp += b & l;
  }
  store<f64>(h, <f64>hardP);
  store<f64>(h + 8, <f64>hardTp);
}

/**
 * The entries of counts[0…size) with pixels, in code order and label 1 first, into out[0…) and their
 * counts into out[half…); how many there are.
 */
export function takeCounts(counts: usize, size: i32, out: usize, half: i32): i32 {
  let m = 0;
  for (let e = 1; e < size; e += 2) {
    const c1 = load<u32>(counts + (<usize>e << 2));
    const c0 = load<u32>(counts + (<usize>(e - 1) << 2));
    if (c1) {
      store<u32>(out + (<usize>m << 2), e);
      store<u32>(out + (<usize>(half + m) << 2), c1);
      m++;
    }
    if (c0) {
      store<u32>(out + (<usize>m << 2), e - 1);
      store<u32>(out + (<usize>(half + m) << 2), c0);
      m++;
    }
  }
  return m;
}
