/**
 * GLSL shared by the GPU programs: the per-pixel terms of docs/LOSSES.md in float32, written so that
 * float32 keeps the CPU engine's float64 results to well under 1e-3 relative.
 */

/** No feature (e.g. no pixel of the other side): larger than any squared distance, finite in float32. */
export const BIG = 1e20;

export const GLSL_TERMS = `
const float P_MIN = 1e-7;
const float P_MAX = 0.99999988;
const float NEG_LOG_P_MIN = 16.11809565095832;
const float NEG_LOG_P_MAX = 1.0000000494736474e-7;

// −ln(clip(v, 1e-7, 1 − 1e-7)) from v and w = 1 − v. Float32 cannot hold 1 − 1e-7, and ln(v) of a v
// near 1 loses its digits: there −ln(1 − w) comes from its series in w (exact for the caller's w).
float negLogClip(float v, float w) {
  if (v <= P_MIN) return NEG_LOG_P_MIN;
  if (w <= P_MIN) return NEG_LOG_P_MAX;
  if (w < 0.01) return w + w * w * (0.5 + w * (1.0 / 3.0 + w * (0.25 + w * 0.2)));
  return -log(v);
}

// −ln q and −ln(1 − q) of docs/LOSSES.md, q = clip(p).
float nlPos(float p) { return negLogClip(p, 1.0 - p); }
float nlNeg(float p) { return negLogClip(1.0 - p, p); }
float pixelCe(float p, bool pos) { return pos ? nlPos(p) : nlNeg(p); }

// x^e for x >= 0 with Math.pow's edge cases (0^0 = 1); exact for e = 1 and 2.
float safePow(float x, float e) {
  if (e == 0.0) return 1.0;
  if (x <= 0.0) return 0.0;
  if (e == 1.0) return x;
  if (e == 2.0) return x * x;
  return pow(x, e);
}
`;

/** A program in tfjs's GPGPUProgram form, compiled once per user code (shapes are uniforms). */
export interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  enableShapeUniforms: boolean;
  customUniforms: Array<{ name: string; type: 'float' | 'int'; arrayIndex?: number }>;
}

/** A uniform's type; `[type, n]` for an array of n. */
export type UniformSpec = 'float' | 'int' | readonly ['float' | 'int', number];

export function program(
  variableNames: string[],
  outputShape: number[],
  uniforms: Record<string, UniformSpec>,
  userCode: string,
): Program {
  return {
    variableNames,
    outputShape,
    userCode,
    enableShapeUniforms: true,
    customUniforms: Object.entries(uniforms).map(([name, t]) => (typeof t === 'string' ? { name, type: t } : { name, type: t[0], arrayIndex: t[1] })),
  };
}
