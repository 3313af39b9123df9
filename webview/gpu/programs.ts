/**
 * The GPU programs behind `ClassStats` and the overlays, one per definition of the CPU backend
 * (src/core/stats/cpuClassStats.ts). Reductions give one value per (term, row): rows are summed in
 * float64 in JS, since a float32 sum of a whole image is exact only to 2^24.
 */
import { GLSL_TERMS, program, type Program } from './glsl';

/** Pixels of a mask with a 4-neighbour outside it or off the image. */
export const boundaryProgram = (h: number, w: number): Program =>
  program(['M'], [h, w], { uH: 'int', uW: 'int' }, `
void main() {
  ivec2 rc = getOutputCoords();
  int r = rc.x; int c = rc.y;
  if (getM(r, c) < 0.5) { setOutput(0.0); return; }
  bool edge = r == 0 || c == 0 || r == uH - 1 || c == uW - 1 ||
    getM(r - 1, c) < 0.5 || getM(r + 1, c) < 0.5 || getM(r, c - 1) < 0.5 || getM(r, c + 1) < 0.5;
  setOutput(edge ? 1.0 : 0.0);
}`);

/** At the pixels of boundary B: distance to the other boundary (from its squared EDT E); −1 elsewhere. */
export const surfaceSampleProgram = (h: number, w: number): Program =>
  program(['B', 'E'], [h, w], {}, `
void main() {
  setOutput(getBAtOutCoords() > 0.5 ? sqrt(getEAtOutCoords()) : -1.0);
}`);

/** Lovász hinge errors 1 − x(2y − 1) on the logit x of q; 0 on ignored pixels. */
export const lovaszErrorProgram = (h: number, w: number): Program =>
  program(['P', 'Y', 'V'], [h, w], {}, `${GLSL_TERMS}
void main() {
  if (getVAtOutCoords() < 0.5) { setOutput(0.0); return; }
  float p = getPAtOutCoords();
  float x = nlNeg(p) - nlPos(p);
  setOutput(getYAtOutCoords() > 0.5 ? 1.0 - x : 1.0 + x);
}`);

/**
 * Terms of `PixelSums`, grouped by what they depend on: the masks only, focal γ, exp-log's γ. A run
 * computes `count` terms from `first`, so a parameter change reruns only its own group.
 */
export const PIXEL_SUM_KEYS = [
  'n', 'sumP', 'sumY', 'tp', 'cePos', 'ceNeg', 'sqErrPos', 'sqErrNeg', 'hardP', 'hardTp',
  'focalPos', 'focalNeg', 'expLogPos', 'expLogNeg',
] as const;
export const SUM_GROUPS = { masks: [0, 10], focal: [10, 2], expLog: [12, 2] } as const;

export const pixelSumsProgram = (count: number, h: number): Program =>
  program(['P', 'Y', 'H', 'V'], [count, h], { uFirst: 'int', uWidth: 'int', uFocalGamma: 'float', uExpLogGamma: 'float' }, `${GLSL_TERMS}
void main() {
  ivec2 kr = getOutputCoords();
  int k = kr.x + uFirst; int r = kr.y;
  float acc = 0.0;
  for (int c = 0; c < uWidth; c++) {
    if (getV(r, c) < 0.5) continue;
    float p = getP(r, c);
    bool pos = getY(r, c) > 0.5;
    float t;
    if (k == 0) t = 1.0;
    else if (k == 1) t = p;
    else if (k == 2) t = pos ? 1.0 : 0.0;
    else if (k == 3) t = pos ? p : 0.0;
    else if (k == 4) t = pos ? nlPos(p) : 0.0;
    else if (k == 5) t = pos ? 0.0 : nlNeg(p);
    else if (k == 6) t = pos ? (1.0 - p) * (1.0 - p) : 0.0;
    else if (k == 7) t = pos ? 0.0 : p * p;
    else if (k == 8) t = getH(r, c);
    else if (k == 9) t = pos ? getH(r, c) : 0.0;
    else if (k == 10) t = pos ? safePow(clamp(1.0 - p, P_MIN, P_MAX), uFocalGamma) * nlPos(p) : 0.0;
    else if (k == 11) t = pos ? 0.0 : safePow(clamp(p, P_MIN, P_MAX), uFocalGamma) * nlNeg(p);
    else if (k == 12) t = pos ? safePow(nlPos(p), uExpLogGamma) : 0.0;
    else t = pos ? 0.0 : safePow(nlNeg(p), uExpLogGamma);
    acc += t;
  }
  setOutput(acc);
}`);

/**
 * What the field sums normalise by, over every pixel (ignored ones are background), as the CPU does:
 * max squared distance inside y, outside y, and the pixel counts of y and of the hard prediction.
 */
export const FIELD_MAX_KEYS = ['maxIn2', 'maxOut2', 'yCount', 'pCount'] as const;

export const fieldMaxProgram = (h: number): Program =>
  program(['Y', 'H', 'D'], [FIELD_MAX_KEYS.length, h], { uWidth: 'int' }, `
void main() {
  ivec2 kr = getOutputCoords();
  int k = kr.x; int r = kr.y;
  float acc = 0.0;
  for (int c = 0; c < uWidth; c++) {
    bool pos = getY(r, c) > 0.5;
    if (k == 0) { if (pos) acc = max(acc, getD(r, c)); }
    else if (k == 1) { if (!pos) acc = max(acc, getD(r, c)); }
    else if (k == 2) { if (pos) acc += 1.0; }
    else acc += getH(r, c);
  }
  setOutput(acc);
}`);

/** Shared by the field sums and the loss map: Φ of distance-penalized-ce and the others' fields. */
const FIELD_TERMS = `
float phi(bool pos, float d) {
  if (pos) return uMaxIn > 0.0 ? 1.0 - d / uMaxIn : 0.0;
  return uMaxOut > 0.0 ? 1.0 - d / uMaxOut : 0.0;
}
float hausdorffTerm(float p, bool pos, float dy2, float dp2) {
  float diff = p - (pos ? 1.0 : 0.0);
  if (diff == 0.0) return 0.0;
  return diff * diff * (uPEdges * safePow(dp2, uHalfAlpha) + uYEdges * safePow(dy2, uHalfAlpha));
}
float boundaryTerm(float p, bool pos, float d) {
  if (uYEmpty > 0.5) return 0.0;
  return p * (pos ? 1.0 - d : d);
}`;

const FIELD_UNIFORMS = {
  uMaxIn: 'float', uMaxOut: 'float', uYEdges: 'float', uPEdges: 'float', uYEmpty: 'float', uHalfAlpha: 'float',
} as const;

/** Terms of `FieldSums`: distance-penalized-ce and boundary (masks only), then hausdorff-dt (α). */
export const FIELD_SUM_KEYS = ['distancePenalizedCe', 'boundary', 'hausdorffDt'] as const;
export const FIELD_GROUPS = { masks: [0, 2], alpha: [2, 1] } as const;

export const fieldSumsProgram = (count: number, h: number): Program =>
  program(['P', 'Y', 'V', 'DY', 'DP'], [count, h], { uFirst: 'int', uWidth: 'int', ...FIELD_UNIFORMS }, `${GLSL_TERMS}${FIELD_TERMS}
void main() {
  ivec2 kr = getOutputCoords();
  int k = kr.x + uFirst; int r = kr.y;
  float acc = 0.0;
  for (int c = 0; c < uWidth; c++) {
    if (getV(r, c) < 0.5) continue;
    float p = getP(r, c);
    bool pos = getY(r, c) > 0.5;
    float dy2 = getDY(r, c);
    if (k == 0) acc += (1.0 + phi(pos, sqrt(dy2))) * pixelCe(p, pos);
    else if (k == 1) acc += boundaryTerm(p, pos, sqrt(dy2));
    else acc += hausdorffTerm(p, pos, dy2, getDP(r, c));
  }
  setOutput(acc);
}`);

/** Per-pixel contribution of a pixel-wise loss (see engine/pixelLoss.ts for the kinds); 0 if ignored. */
export const lossMapProgram = (h: number, w: number): Program =>
  program(['P', 'Y', 'V', 'DY', 'DP'], [h, w], { uKind: 'int', uWPos: 'float', uWNeg: 'float', uGamma: 'float', ...FIELD_UNIFORMS }, `${GLSL_TERMS}${FIELD_TERMS}
void main() {
  if (getVAtOutCoords() < 0.5) { setOutput(0.0); return; }
  float p = getPAtOutCoords();
  bool pos = getYAtOutCoords() > 0.5;
  float dy2 = getDYAtOutCoords();
  float t;
  if (uKind == 0) t = (pos ? uWPos : uWNeg) * pixelCe(p, pos);
  else if (uKind == 1) t = pos ? uWPos * safePow(clamp(1.0 - p, P_MIN, P_MAX), uGamma) * nlPos(p)
                               : uWNeg * safePow(clamp(p, P_MIN, P_MAX), uGamma) * nlNeg(p);
  else if (uKind == 2) t = (1.0 + phi(pos, sqrt(dy2))) * pixelCe(p, pos);
  else if (uKind == 3) t = hausdorffTerm(p, pos, dy2, getDPAtOutCoords());
  else t = boundaryTerm(p, pos, sqrt(dy2));
  setOutput(t);
}`);
