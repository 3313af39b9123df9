/**
 * x^γ for the per-pixel passes, where Math.pow is the largest single cost of a float prediction (about
 * 60 ns a call here, one or two a pixel for the exponents that are not products: focal γ, exp-log γ_C,
 * Hausdorff α). As e^(γ·ln x), each table-driven (Tang's method): relative error below 4e-14, far
 * inside the rounding of the sums the powers enter. Plain arithmetic, no allocation.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the high (sign, exponent, top mantissa) word of a double in `U32`. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** 2^(i − 1023) for the exponents of normal doubles and their negatives. */
const POW2 = Float64Array.from({ length: 2047 }, (_, i) => Math.pow(2, i - 1023));

const LN2 = Math.LN2;
const BITS = 10;
const SIZE = 1 << BITS;
/** Per entry: c_j = 1 + (j + ½)/1024 (the centre of each interval of the mantissa), 1/c_j, ln c_j. */
const TABLE = new Float64Array(3 * SIZE);
for (let j = 0; j < SIZE; j++) {
  const c = 1 + (j + 0.5) / SIZE;
  TABLE[3 * j] = c;
  TABLE[3 * j + 1] = 1 / c;
  TABLE[3 * j + 2] = Math.log(c);
}

const MIN_NORMAL = 2.2250738585072014e-308;
/** Below this distance from 1 the table would cancel against e·ln 2: a series in x − 1 is exact there. */
const NEAR_ONE = 1 / 1024;

/** ln x for a positive normal double. */
function ln(x: number): number {
  const t = x - 1;
  if (t < NEAR_ONE && t > -NEAR_ONE) {
    // ln(1 + t), |t| < 2^-10: the terms up to t^7 leave less than t^8/8 < 2^-83.
    return t - t * t * (0.5 - t * (1 / 3 - t * (0.25 - t * (0.2 - t * (1 / 6 - t / 7)))));
  }
  F64[0] = x;
  const hi = U32[HI];
  const e = (hi >>> 20) - 1023;
  const k = 3 * ((hi >>> (20 - BITS)) & (SIZE - 1));
  // m = x·2^-e ∈ [1, 2) (exact) and m − c_j is exact (same binade); |r| ≤ 2^-11, so the series to r^5
  // leaves less than r^6/6 < 2^-68.
  const r = (x * POW2[1023 - e] - TABLE[k]) * TABLE[k + 1];
  return e * LN2 + TABLE[k + 2] + (r - r * r * (0.5 - r * (1 / 3 - r * (0.25 - r * (0.2 - r / 6)))));
}

const EXP_BITS = 6;
const EXP_SIZE = 1 << EXP_BITS;
/** 2^(j/64). */
const EXP_TABLE = Float64Array.from({ length: EXP_SIZE }, (_, j) => Math.pow(2, j / EXP_SIZE));
const INV_STEP = EXP_SIZE / LN2;
// ln 2 / 64 in two parts: the first with trailing zero bits, so k·STEP_HI is exact for |k| < 2^20.
const STEP_HI = Math.round((LN2 / EXP_SIZE) * 2 ** 32) / 2 ** 32;
const STEP_LO = LN2 / EXP_SIZE - STEP_HI;

/** Adding and subtracting 1.5·2^52 rounds a double below 2^51 in magnitude to an integer (ties to even). */
const ROUND = 6755399441055744;

/** e^y, Math.exp where the result would not be a normal double. */
function exp(y: number): number {
  if (!(y > -708 && y < 709)) return Math.exp(y);
  // Rounded by the constant, not Math.round: the same k but for ties, and 6× faster in this loop here.
  const kf = y * INV_STEP + ROUND - ROUND;
  const k = kf | 0;
  // |r| ≤ ln 2 / 128: the series to r^5 leaves less than r^6/720 < 2^-55·r.
  const r = y - kf * STEP_HI - kf * STEP_LO;
  return POW2[(k >> EXP_BITS) + 1023] * EXP_TABLE[k & (EXP_SIZE - 1)] * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r / 120)))));
}

/** x^γ as e^(γ·ln x) for a positive normal x; Math.pow for anything else (0, ∞, NaN, subnormals). */
export function pow(x: number, gamma: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity)) return Math.pow(x, gamma);
  return exp(gamma * ln(x));
}
