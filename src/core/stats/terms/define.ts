/**
 * How a per-pixel term is declared: once, with what every backend needs — its key, what it becomes
 * for the background problem, the parameter it reads, its float64 CPU definition and its float32
 * GLSL snippet. The CPU accumulators, the GPU shader switches, the sum parameters and the per-pixel
 * heat maps are generated from these declarations (see cpu.ts and webview/gpu/programs.ts).
 *
 * GLSL snippets are expressions in `p` (probability), `pos` (y = 1), and for field terms `d` (√dy2),
 * `dy2`, `dp2` (squared distances to the other side of y and of the hard prediction), `ce` (the
 * pixel's cross-entropy) and the uniforms `uMaxIn uMaxOut uYEdges uPEdges uYEmpty`; they may call the
 * helpers of webview/gpu/glsl.ts (`nlPos nlNeg pixelCe safePow`, `P_MIN P_MAX`) and read their
 * parameter's uniform (`uniformOf` in params.ts).
 */
import type { FieldScalars } from '../pixelTerms';
import type { SumParamName } from './params';

/** x ↦ x^e for the term's parameter (products for the common exponents). */
export type Pow = (x: number) => number;

interface TermParam {
  /** The sum parameter the term reads, raised as `pow`; a change of it reruns only this term's group. */
  param?: SumParamName;
  /** The exponent of `pow` from the parameter's value (default: the value itself). */
  exponent?: (value: number) => number;
}

/** A term of `PixelSums`: Σ over valid pixels of `pos` where y = 1 and `neg` where y = 0. */
export interface SumTerm<K extends string> extends TermParam {
  doc: string;
  /** The same sum for the background problem (1 − p, 1 − y), from the sums of this problem. */
  background: (s: Readonly<Record<K, number>>) => number;
  /** 'hard': summed over the pixels of the hard prediction only (GLSL: weighted by `h`). */
  of?: 'hard';
  /** A pixel's share: p, nl = −ln q where y = 1 and −ln(1 − q) where y = 0, the parameter's power. Absent: 0. */
  pos?: (p: number, nl: number, pow: Pow) => number;
  neg?: (p: number, nl: number, pow: Pow) => number;
  glsl: { pos?: string; neg?: string };
}

/** What a field term sees of one valid pixel. */
export interface FieldPixel {
  p: number;
  /** Label, 0 or 1. */
  y: number;
  /** Cross-entropy of the pixel (−ln q or −ln(1 − q)). */
  ce: number;
  /** √dy2 */
  d: number;
  /** Squared distances to the other side of y and of the hard prediction. */
  dy2: number;
  dp2: number;
}

/** A term of `FieldSums`: Σ over valid pixels of a function of the pixel and the distance fields. */
export interface FieldTerm extends TermParam {
  doc: string;
  cpu: (x: FieldPixel, f: FieldScalars, pow: Pow) => number;
  glsl: string;
  /** GLSL functions the snippet calls (included once per program). */
  glslHelpers?: string;
}

/** Declares the sum terms, keys inferred (so `background` reads exactly the declared keys). */
export const defineSumTerms = <K extends string>(terms: { readonly [k in K]: SumTerm<K> }): { readonly [k in K]: SumTerm<K> } => terms;

/** Declares the field terms, keys inferred. */
export const defineFieldTerms = <K extends string>(terms: { readonly [k in K]: FieldTerm }): { readonly [k in K]: FieldTerm } => terms;

/** A record with one entry per declared key, in declaration order. */
export function byKey<K extends string, T>(decl: { readonly [k in K]: unknown }, value: (key: K, index: number) => T): Record<K, T> {
  const out = {} as Record<K, T>;
  (Object.keys(decl) as K[]).forEach((k, i) => (out[k] = value(k, i)));
  return out;
}
