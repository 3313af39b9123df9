/**
 * The GPU programs behind `ClassStats` and the overlays, one per definition of the CPU backend
 * (src/core/stats/cpuClassStats.ts). The per-pixel terms are not written here: their switches are
 * generated from the declarations of src/core/stats/terms/. Reductions give one value per (term,
 * row): rows are summed in float64 in JS, since a float32 sum of a whole image is exact only to 2^24.
 */
import { FIELD_TERMS, type FieldKey, type FieldScalars, type PixelTermKey, SUM_PARAM_NAMES, SUM_TERMS, type SumKey, type SumParamName, type SumParams, uniformOf } from '../../src/core/backend';
import { GLSL_TERMS, program, type Program, type UniformSpec } from './glsl';

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

/** Terms run together: those reading one parameter (or none), so a parameter change reruns its group only. */
export interface TermGroup<K extends string> {
  param?: SumParamName;
  /** Index of its first term in the GPU order. */
  first: number;
  keys: K[];
}

/** The GPU order of a family of terms: grouped by parameter, parameter-free terms first. */
function gpuOrder<K extends string>(decl: { readonly [k in K]: { param?: SumParamName } }): { order: K[]; groups: TermGroup<K>[] } {
  const keys = Object.keys(decl) as K[];
  const groups: TermGroup<K>[] = [];
  for (const param of [undefined, ...SUM_PARAM_NAMES]) {
    const members = keys.filter((k) => decl[k].param === param);
    if (members.length) groups.push({ ...(param ? { param } : {}), first: groups.reduce((n, g) => n + g.keys.length, 0), keys: members });
  }
  return { order: groups.flatMap((g) => g.keys), groups };
}

export const SUM_GPU = gpuOrder<SumKey>(SUM_TERMS);
export const FIELD_GPU = gpuOrder<FieldKey>(FIELD_TERMS);

/** Uniforms of the sum parameters, and their values in that order. */
const PARAM_UNIFORMS: Record<string, UniformSpec> = Object.fromEntries(SUM_PARAM_NAMES.map((n) => [uniformOf(n), 'float']));
export const paramUniforms = (params: SumParams): number[][] => SUM_PARAM_NAMES.map((n) => [params[n]]);

/** A group's results depend on its parameter's value only. */
export const groupKey = (g: TermGroup<string>, params: SumParams): string => (g.param ? String(params[g.param]) : '');

const side = (expr: string | undefined): string => (expr ? `(${expr})` : '0.0');

/** `float sumTerm(k, p, pos, h)`: the k-th term of `PixelSums` (GPU order) at one valid pixel. */
const SUM_TERM_FN = `
float sumTerm(int k, float p, bool pos, float h) {
${SUM_GPU.order
  .map((key, k) => {
    const t = SUM_TERMS[key];
    const v = `pos ? ${side(t.glsl.pos)} : ${side(t.glsl.neg)}`;
    return `  if (k == ${k}) return ${t.of === 'hard' ? `h * (${v})` : v};`;
  })
  .join('\n')}
  return 0.0;
}`;

/** `float fieldTerm(k, p, pos, dy2, dp2)`: the k-th term of `FieldSums` (GPU order) at one valid pixel. */
const FIELD_TERM_FN = `${FIELD_GPU.order.map((k) => FIELD_TERMS[k].glslHelpers ?? '').join('')}
float fieldTerm(int k, float p, bool pos, float dy2, float dp2) {
  float d = sqrt(dy2);
  float ce = pixelCe(p, pos);
${FIELD_GPU.order.map((key, k) => `  if (k == ${k}) return ${FIELD_TERMS[key].glsl};`).join('\n')}
  return 0.0;
}`;

export const pixelSumsProgram = (count: number, h: number): Program =>
  program(['P', 'Y', 'H', 'V'], [count, h], { uFirst: 'int', uWidth: 'int', ...PARAM_UNIFORMS }, `${GLSL_TERMS}${SUM_TERM_FN}
void main() {
  ivec2 kr = getOutputCoords();
  int k = kr.x + uFirst; int r = kr.y;
  float acc = 0.0;
  for (int c = 0; c < uWidth; c++) {
    if (getV(r, c) < 0.5) continue;
    acc += sumTerm(k, getP(r, c), getY(r, c) > 0.5, getH(r, c));
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

/** What the field terms normalise by (`FieldScalars`), as uniforms. */
const FIELD_UNIFORMS = { uMaxIn: 'float', uMaxOut: 'float', uYEdges: 'float', uPEdges: 'float', uYEmpty: 'float' } as const;
export const fieldUniforms = (f: FieldScalars): number[][] => [[f.maxIn], [f.maxOut], [f.yEdges], [f.pEdges], [f.yEmpty ? 1 : 0]];

export const fieldSumsProgram = (count: number, h: number): Program =>
  program(['P', 'Y', 'V', 'DY', 'DP'], [count, h], { uFirst: 'int', uWidth: 'int', ...FIELD_UNIFORMS, ...PARAM_UNIFORMS }, `${GLSL_TERMS}${FIELD_TERM_FN}
void main() {
  ivec2 kr = getOutputCoords();
  int k = kr.x + uFirst; int r = kr.y;
  float acc = 0.0;
  for (int c = 0; c < uWidth; c++) {
    if (getV(r, c) < 0.5) continue;
    acc += fieldTerm(k, getP(r, c), getY(r, c) > 0.5, getDY(r, c), getDP(r, c));
  }
  setOutput(acc);
}`);

/** A term's index in the map program: sum terms, then field terms, each in GPU order. */
export const mapTermIndex = (key: PixelTermKey): number =>
  key in FIELD_TERMS ? SUM_GPU.order.length + FIELD_GPU.order.indexOf(key as FieldKey) : SUM_GPU.order.indexOf(key as SumKey);

/** Per-pixel map: term uPos weighted uWPos where y = 1, term uNeg weighted uWNeg where y = 0; 0 if ignored. */
export const lossMapProgram = (h: number, w: number): Program =>
  program(
    ['P', 'Y', 'H', 'V', 'DY', 'DP'],
    [h, w],
    { uPos: 'int', uNeg: 'int', uWPos: 'float', uWNeg: 'float', ...FIELD_UNIFORMS, ...PARAM_UNIFORMS },
    `${GLSL_TERMS}${SUM_TERM_FN}${FIELD_TERM_FN}
float term(int k, float p, bool pos, float h, float dy2, float dp2) {
  return k < ${SUM_GPU.order.length} ? sumTerm(k, p, pos, h) : fieldTerm(k - ${SUM_GPU.order.length}, p, pos, dy2, dp2);
}
void main() {
  if (getVAtOutCoords() < 0.5) { setOutput(0.0); return; }
  float p = getPAtOutCoords();
  bool pos = getYAtOutCoords() > 0.5;
  float h = getHAtOutCoords();
  float dy2 = getDYAtOutCoords();
  float dp2 = getDPAtOutCoords();
  setOutput(pos ? uWPos * term(uPos, p, pos, h, dy2, dp2) : uWNeg * term(uNeg, p, pos, h, dy2, dp2));
}`,
  );
