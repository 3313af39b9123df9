/**
 * Exact squared Euclidean distance transform on the GPU, separable like the CPU's (Felzenszwalb &
 * Huttenlocher): a 1-D transform along columns, then along rows, each D(q) = min_j s²(q − j)² + f(j).
 * The minimising j is non-decreasing in q (the cost matrix is Monge), so each 1-D transform finds its
 * argmins by bisection of positions: a pass per level computes the argmin at the odd multiples of
 * `step`, searching only between the argmins of the two neighbours already known. log2(n) passes and
 * O(n log n) work per line, exact (every candidate of the true minimum is searched), no jump flooding.
 */
import { BIG, program } from './glsl';
import { run, tf } from './webgl';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/base';

type Axis = 'x' | 'y';

/**
 * Line access for a 1-D transform: along rows ('x'), or along columns ('y') of a stack of images of
 * uLen rows each (each image's columns are separate lines).
 */
const prelude = (axis: Axis) =>
  axis === 'x'
    ? `#define F(j) getF(rc.x, (j))
#define A(j) getA(rc.x, (j))
`
    : `#define F(j) getF(base + (j), rc.y)
#define A(j) getA(base + (j), rc.y)
`;
const position = (axis: Axis) => (axis === 'x' ? 'int pos = rc.y;' : 'int pos = rc.x - (rc.x / uLen) * uLen; int base = rc.x - pos;');

/** Stacks k masks along rows as f0 = 0 on feature pixels (mask == its feature), BIG elsewhere. */
const stackCode = (k: number) => `
void main() {
  ivec2 rc = getOutputCoords();
  int s = rc.x / uH;
  int r = rc.x - s * uH;
  float m = 0.0;
  ${Array.from({ length: k }, (_, i) => `${i ? 'else ' : ''}if (s == ${i}) m = getM${i}(r, rc.y);`).join('\n  ')}
  setOutput(abs(m - uFeature[s]) < 0.5 ? 0.0 : ${BIG.toExponential()});
}`;

/** The argmin at position 0 of each line by a full scan; other positions are filled by the levels. */
const initCode = (axis: Axis) => `${prelude(axis)}
void main() {
  ivec2 rc = getOutputCoords();
  ${position(axis)}
  if (pos != 0) { setOutput(0.0); return; }
  float best = F(0);
  int arg = 0;
  for (int j = 1; j < uLen; j++) {
    float v = uS2 * float(j * j) + F(j);
    if (v < best) { best = v; arg = j; }
  }
  setOutput(float(arg));
}`;

/** One bisection level: positions ≡ step (mod 2·step) search between their neighbours' argmins. */
const levelCode = (axis: Axis) => `${prelude(axis)}
void main() {
  ivec2 rc = getOutputCoords();
  ${position(axis)}
  if (pos - (pos / (2 * uStep)) * (2 * uStep) != uStep) { setOutput(A(pos)); return; }
  int lo = int(A(pos - uStep) + 0.5);
  int hi = pos + uStep < uLen ? int(A(pos + uStep) + 0.5) : uLen - 1;
  float best = 3.0e38;
  int arg = lo;
  for (int j = lo; j <= hi; j++) {
    float d = float(pos - j);
    float v = uS2 * d * d + F(j);
    if (v < best) { best = v; arg = j; }
  }
  setOutput(float(arg));
}`;

/** The transformed value from the argmin. */
const valueCode = (axis: Axis) => `${prelude(axis)}
void main() {
  ivec2 rc = getOutputCoords();
  ${position(axis)}
  int j = int(A(pos) + 0.5);
  float d = float(pos - j);
  setOutput(uS2 * d * d + F(j));
}`;

/** One image of a stack. */
const unstackCode = `
void main() {
  ivec2 rc = getOutputCoords();
  setOutput(getE(rc.x + uOffset, rc.y));
}`;

/** Two-sided field: EDT(m) inside, EDT(¬m) outside; a side with no pixel anywhere gives 0 (spec). */
const twoSidedCode = `
void main() {
  float v = getMAtOutCoords() > 0.5 ? getE0AtOutCoords() : getE1AtOutCoords();
  setOutput(v >= ${(BIG / 2).toExponential()} ? 0.0 : v);
}`;

/** 1-D transform of f along an axis (lines of `len` pixels) with squared spacing s2. */
function transform1d(backend: MathBackendWebGL, f: tf.Tensor2D, axis: Axis, len: number, s2: number): tf.Tensor2D {
  const shape = f.shape;
  let arg = run(backend, program(['F'], shape, { uLen: 'int', uS2: 'float' }, initCode(axis)), [f], [[len], [s2]]);
  let top = 1;
  while (top < len) top *= 2;
  for (let step = top / 2; step >= 1; step /= 2) {
    const next = run(backend, program(['F', 'A'], shape, { uLen: 'int', uStep: 'int', uS2: 'float' }, levelCode(axis)), [f, arg], [[len], [step], [s2]]);
    arg.dispose();
    arg = next;
  }
  const out = run(backend, program(['F', 'A'], shape, { uLen: 'int', uS2: 'float' }, valueCode(axis)), [f, arg], [[len], [s2]]);
  arg.dispose();
  return out;
}

export interface EdtProblem {
  mask: tf.Tensor2D;
  /** Distances are to the nearest pixel with mask == feature. */
  feature: 0 | 1;
}

/** Most images one program may stack: the stacking program reads each from its own texture unit. */
const MAX_STACK = 8;

/**
 * Squared distance (in spacing units) from each pixel to the nearest pixel with mask == feature, for
 * several masks of one size; BIG everywhere for a mask without such a pixel. The masks are stacked
 * along rows (as many as fit in a texture) so that one series of passes transforms them all.
 * Spacing: [sx, sy], pixel size along columns and rows.
 */
export function squaredEdts(backend: MathBackendWebGL, problems: readonly EdtProblem[], spacing: readonly [number, number, ...number[]], maxRows: number): tf.Tensor2D[] {
  const [h, w] = problems[0].mask.shape;
  const perStack = Math.max(1, Math.min(MAX_STACK, Math.floor(maxRows / h)));
  const out: tf.Tensor2D[] = [];
  for (let first = 0; first < problems.length; first += perStack) {
    const group = problems.slice(first, first + perStack);
    const k = group.length;
    out.push(
      ...tf.tidy(() => {
        const stack = program(group.map((_, i) => `M${i}`), [k * h, w], { uH: 'int', uFeature: ['float', k] }, stackCode(k));
        const f0 = run(backend, stack, group.map((p) => p.mask), [[h], group.map((p) => p.feature)]);
        const cols = transform1d(backend, f0, 'y', h, spacing[1] * spacing[1]);
        const e = transform1d(backend, cols, 'x', w, spacing[0] * spacing[0]);
        if (k === 1) return [e];
        return group.map((_, i) => run(backend, program(['E'], [h, w], { uOffset: 'int' }, unstackCode), [e], [[i * h]]));
      }),
    );
  }
  return out;
}

/** Squared distance of every pixel to the other side of each mask (the CPU's `twoSidedSquaredEdt`). */
export function twoSidedSquaredEdts(backend: MathBackendWebGL, masks: readonly tf.Tensor2D[], spacing: readonly [number, number, ...number[]], maxRows: number): tf.Tensor2D[] {
  return tf.tidy(() => {
    const e = squaredEdts(backend, masks.flatMap((mask) => [{ mask, feature: 0 as const }, { mask, feature: 1 as const }]), spacing, maxRows);
    return masks.map((m, i) => run(backend, program(['M', 'E0', 'E1'], m.shape, {}, twoSidedCode), [m, e[2 * i], e[2 * i + 1]]));
  });
}
