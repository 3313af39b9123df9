import type { ParamValues } from '../params';
import type { PixelSums } from '../stats/types';
import { ceMap } from './shared';
import type { LossModule } from './types';

/** β of balanced CE: auto = 1 − Σy/N. */
export const balancedCeBeta = (s: PixelSums, params: ParamValues): number =>
  params.beta === 'auto' ? 1 - s.sumY / s.n : (params.beta as number);

export const balancedCe: LossModule = {
  id: 'balanced-ce',
  name: 'Balanced cross-entropy',
  category: 'distribution',
  summary: 'Cross-entropy with positives weighted β and negatives 1 − β.',
  formula: '−(1/N) Σ [β y ln q + (1−β)(1−y) ln(1−q)], β auto = 1 − Σy/N',
  paper: { title: 'Holistically-Nested Edge Detection', authors: 'S. Xie, Z. Tu', year: 2015, venue: 'ICCV' },
  range: [0, Infinity],
  params: [
    { key: 'beta', label: 'β (positive share)', description: 'Weight of positives; negatives get 1 − β. Auto: the share of negatives.', default: 'auto', min: 0, max: 1, step: 0.01, special: 'auto' },
  ],
  binary: ({ sums: s }, { params }) => {
    const beta = balancedCeBeta(s, params);
    return (beta * s.cePos + (1 - beta) * s.ceNeg) / s.n;
  },
  pixelMap: ({ sums }, { params }) => {
    const beta = balancedCeBeta(sums, params);
    return ceMap(beta, 1 - beta);
  },
};
