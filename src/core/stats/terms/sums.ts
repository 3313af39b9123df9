/**
 * The terms of `PixelSums`, in the notation of docs/LOSSES.md: q = clip(p, 1e-7, 1 − 1e-7), and
 * ln(1 − q) taken as ln(clip(1 − p)). A loss that needs another per-pixel sum declares it here.
 */
import { clampP } from '../pixelTerms';
import { defineSumTerms } from './define';

export const SUM_TERMS = defineSumTerms({
  n: { doc: 'Valid pixels.', background: (s) => s.n, pos: () => 1, neg: () => 1, glsl: { pos: '1.0', neg: '1.0' } },
  sumP: { doc: 'Σ p', background: (s) => s.n - s.sumP, pos: (p) => p, neg: (p) => p, glsl: { pos: 'p', neg: 'p' } },
  sumY: { doc: 'Σ y', background: (s) => s.n - s.sumY, pos: () => 1, glsl: { pos: '1.0' } },
  tp: { doc: 'Σ p·y', background: (s) => s.n - s.sumP - s.sumY + s.tp, pos: (p) => p, glsl: { pos: 'p' } },
  cePos: { doc: '−Σ_{y=1} ln q', background: (s) => s.ceNeg, pos: (_, nl) => nl, glsl: { pos: 'nlPos(p)' } },
  ceNeg: { doc: '−Σ_{y=0} ln(1 − q)', background: (s) => s.cePos, neg: (_, nl) => nl, glsl: { neg: 'nlNeg(p)' } },
  focalPos: {
    doc: '−Σ_{y=1} (1 − q)^γ ln q, γ = focal gamma',
    background: (s) => s.focalNeg,
    param: 'focalGamma',
    pos: (p, nl, pow) => pow(1 - clampP(p)) * nl,
    glsl: { pos: 'safePow(clamp(1.0 - p, P_MIN, P_MAX), uFocalGamma) * nlPos(p)' },
  },
  focalNeg: {
    doc: '−Σ_{y=0} q^γ ln(1 − q)',
    background: (s) => s.focalPos,
    param: 'focalGamma',
    neg: (p, nl, pow) => pow(clampP(p)) * nl,
    glsl: { neg: 'safePow(clamp(p, P_MIN, P_MAX), uFocalGamma) * nlNeg(p)' },
  },
  sqErrPos: { doc: 'Σ_{y=1} (1 − p)²', background: (s) => s.sqErrNeg, pos: (p) => (1 - p) * (1 - p), glsl: { pos: '(1.0 - p) * (1.0 - p)' } },
  sqErrNeg: { doc: 'Σ_{y=0} p²', background: (s) => s.sqErrPos, neg: (p) => p * p, glsl: { neg: 'p * p' } },
  expLogPos: {
    doc: "Σ_{y=1} (−ln q)^γC, γC = exp-log's ceGamma",
    background: (s) => s.expLogNeg,
    param: 'expLogCeGamma',
    pos: (_, nl, pow) => pow(nl),
    glsl: { pos: 'safePow(nlPos(p), uExpLogCeGamma)' },
  },
  expLogNeg: {
    doc: 'Σ_{y=0} (−ln(1 − q))^γC',
    background: (s) => s.expLogPos,
    param: 'expLogCeGamma',
    neg: (_, nl, pow) => pow(nl),
    glsl: { neg: 'safePow(nlNeg(p), uExpLogCeGamma)' },
  },
  hardP: { doc: 'Pixels of the hard prediction.', of: 'hard', background: (s) => s.n - s.hardP, pos: () => 1, neg: () => 1, glsl: { pos: '1.0', neg: '1.0' } },
  hardTp: {
    doc: 'Pixels of the hard prediction inside the ground truth.',
    of: 'hard',
    background: (s) => s.n - s.hardP - s.sumY + s.hardTp,
    pos: () => 1,
    glsl: { pos: '1.0' },
  },
});

export type SumKey = keyof typeof SUM_TERMS;
