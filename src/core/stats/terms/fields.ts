/**
 * The terms of `FieldSums`: per-pixel terms that read the distance fields of the ground truth y
 * and of the hard prediction P (d_m = EDT(m) + EDT(¬m), 0 for a mask without both sides).
 */
import { defineFieldTerms } from './define';

export const FIELD_TERMS = defineFieldTerms({
  distancePenalizedCe: {
    doc: 'Σ (1 + Φ)·CE_i of distance-penalized-ce, Φ = 1 − d/max d on the pixel’s side of y.',
    cpu: ({ y, d, ce }, f) => {
      const max = y ? f.maxIn : f.maxOut;
      return (1 + (max > 0 ? 1 - d / max : 0)) * ce;
    },
    glslHelpers: `
float phi(bool pos, float d) {
  if (pos) return uMaxIn > 0.0 ? 1.0 - d / uMaxIn : 0.0;
  return uMaxOut > 0.0 ? 1.0 - d / uMaxOut : 0.0;
}`,
    glsl: '(1.0 + phi(pos, d)) * ce',
  },
  boundary: {
    doc: 'Σ p·φ of the boundary loss: φ = EDT(¬y) outside, −(EDT(y) − 1) inside, ≡ 0 for an empty y.',
    cpu: ({ p, y, d }, f) => (f.yEmpty ? 0 : p * (y ? 1 - d : d)),
    glsl: '(uYEmpty > 0.5 ? 0.0 : p * (pos ? 1.0 - d : d))',
  },
  hausdorffDt: {
    doc: 'Σ (p − y)² (d_P^α + d_y^α) of hausdorff-dt; d^α = (d²)^(α/2).',
    param: 'hausdorffAlpha',
    exponent: (alpha) => alpha / 2,
    cpu: ({ p, y, dy2, dp2 }, f, pow) => {
      const diff = p - y;
      return diff === 0 ? 0 : diff * diff * (f.pEdges * pow(dp2) + f.yEdges * pow(dy2));
    },
    glslHelpers: `
float hausdorffTerm(float p, bool pos, float dy2, float dp2) {
  float diff = p - (pos ? 1.0 : 0.0);
  if (diff == 0.0) return 0.0;
  float e = 0.5 * uHausdorffAlpha;
  return diff * diff * (uPEdges * safePow(dp2, e) + uYEdges * safePow(dy2, e));
}`,
    glsl: 'hausdorffTerm(p, pos, dy2, dp2)',
  },
});

export type FieldKey = keyof typeof FIELD_TERMS;
