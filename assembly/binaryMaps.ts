/**
 * The class maps of a binary pair (`binaryMaps` in src/core/objects/evaluate.ts): gt = label ≠ 0 and
 * pred = p > cut, both 0 at pixels whose label is the ignore index, and their confusion counts. Sixteen
 * pixels a vector step. `cut32` is the largest float32 not above the float64 cut, so that for a float32
 * p, p > cut32 in float32 is p > cut in float64: the same maps as the TypeScript loop's, bit for bit.
 */

/** Adds a vector of sixteen 0/1 bytes to four 32-bit lane sums. */
@inline function widenAdd(acc: v128, bytes: v128): v128 {
  return i32x4.add(acc, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(bytes)));
}

@inline function laneSum(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/**
 * labels u8 and prob f32 per pixel in; gt and pred u8 per pixel out (every pixel written); counts f64[4]:
 * tn, fp, fn, tp over the pixels not ignored. `ignore` −1: none.
 */
export function binaryMaps(labels: usize, prob: usize, n: i32, cut32: f32, ignore: i32, gt: usize, pred: usize, counts: usize): void {
  const one = i8x16.splat(1);
  const zero = i8x16.splat(0);
  const ignored = i8x16.splat(<i8>ignore);
  // An ignore index beyond a byte matches no label of a byte map.
  const hasIgnore = ignore >= 0 && ignore <= 255;
  const cut = f32x4.splat(cut32);
  let sumValid = i32x4.splat(0);
  let sumGt = i32x4.splat(0);
  let sumPred = i32x4.splat(0);
  let sumBoth = i32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const l = v128.load(labels + i);
    const keep = hasIgnore ? v128.not(i8x16.eq(l, ignored)) : i8x16.splat(-1);
    const a = v128.and(v128.andnot(keep, i8x16.eq(l, zero)), one);
    const q = prob + (<usize>i << 2);
    const above = i8x16.narrow_i16x8_s(
      i16x8.narrow_i32x4_s(f32x4.gt(v128.load(q), cut), f32x4.gt(v128.load(q, 16), cut)),
      i16x8.narrow_i32x4_s(f32x4.gt(v128.load(q, 32), cut), f32x4.gt(v128.load(q, 48), cut)),
    );
    const b = v128.and(v128.and(above, keep), one);
    v128.store(gt + i, a);
    v128.store(pred + i, b);
    sumValid = widenAdd(sumValid, v128.and(keep, one));
    sumGt = widenAdd(sumGt, a);
    sumPred = widenAdd(sumPred, b);
    sumBoth = widenAdd(sumBoth, v128.and(a, b));
  }
  let valid = laneSum(sumValid);
  let gtOn = laneSum(sumGt);
  let predOn = laneSum(sumPred);
  let both = laneSum(sumBoth);
  for (; i < n; i++) {
    const g = <i32>load<u8>(labels + i);
    if (g == ignore) {
      store<u8>(gt + i, 0);
      store<u8>(pred + i, 0);
      continue;
    }
    const a = g ? 1 : 0;
    const b = load<f32>(prob + (<usize>i << 2)) > cut32 ? 1 : 0;
    store<u8>(gt + i, <u8>a);
    store<u8>(pred + i, <u8>b);
    valid++;
    gtOn += a;
    predOn += b;
    both += a & b;
  }
  store<f64>(counts, <f64>(valid - gtOn - predOn + both));
  store<f64>(counts + 8, <f64>(predOn - both));
  store<f64>(counts + 16, <f64>(gtOn - both));
  store<f64>(counts + 24, <f64>both);
}
