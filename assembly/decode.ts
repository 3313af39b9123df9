/**
 * Two steps of reading a pair's files, sixteen (four) pixels a vector step: a binary map's labels
 * (`binaryLabels` in src/core/io/labels.ts) and a 16-bit prediction's probabilities (`scaled` in
 * src/core/io/prediction.ts, the same float64 division rounded to float32). Equal to the TypeScript
 * loops, bit for bit (test/core/io/decodeKernels.test.ts).
 */

/** labels[i] = v if v is the ignore index (−1: none), else 1 where v is fg, else 0; values and labels u8. */
export function binaryLabels(values: usize, n: i32, fg: i32, ignore: i32, labels: usize): void {
  const fgs = i8x16.splat(<i8>fg);
  const ignores = i8x16.splat(<i8>ignore);
  const one = i8x16.splat(1);
  // An ignore index beyond a byte matches no value of a byte map.
  const hasIgnore = ignore >= 0 && ignore <= 255;
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const v = v128.load(values + i);
    const l = v128.and(i8x16.eq(v, fgs), one);
    v128.store(labels + i, hasIgnore ? v128.bitselect(v, l, i8x16.eq(v, ignores)) : l);
  }
  for (; i < n; i++) {
    const v = <i32>load<u8>(values + i);
    store<u8>(labels + i, <u8>(v == ignore ? v : v == fg ? 1 : 0));
  }
}

/** out[i] = values[i] / scale in float64, rounded to float32; values u16, out f32. */
export function scaleU16(values: usize, n: i32, scale: f64, out: usize): void {
  const s = f64x2.splat(scale);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const w = i32x4.extend_low_i16x8_u(v128.load64_zero(values + (<usize>i << 1)));
    const lo = f32x4.demote_f64x2_zero(f64x2.div(f64x2.convert_low_i32x4_u(w), s));
    const hi = f32x4.demote_f64x2_zero(f64x2.div(f64x2.convert_low_i32x4_u(i8x16.shuffle(w, w, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15)), s));
    v128.store(out + (<usize>i << 2), i8x16.shuffle(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
  }
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>(<f64>load<u16>(values + (<usize>i << 1)) / scale));
}
