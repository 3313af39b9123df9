import type { ParamValues } from '../params';
import type { PixelSums } from '../stats/types';
import { ceMap } from './shared';
import type { LossModule } from './types';

/** β of weighted CE: auto = #neg/#pos (1 without positives). */
export const weightedCeBeta = (s: PixelSums, params: ParamValues): number =>
  params.beta === 'auto' ? (s.sumY > 0 ? (s.n - s.sumY) / s.sumY : 1) : (params.beta as number);

export const weightedCe: LossModule = {
  id: 'weighted-ce',
  name: 'Weighted cross-entropy',
  category: 'distribution',
  summary: 'Cross-entropy with the positive class weighted by β.',
  formula: '−(1/N) Σ [β y ln q + (1−y) ln(1−q)], β auto = #neg/#pos (1 without positives)',
  paper: { title: 'U-Net: Convolutional Networks for Biomedical Image Segmentation', authors: 'O. Ronneberger, P. Fischer, T. Brox', year: 2015, venue: 'MICCAI' },
  range: [0, Infinity],
  params: [
    { key: 'beta', label: 'β (positive weight)', description: 'β > 1 reduces false negatives, β < 1 false positives; auto balances the classes.', default: 'auto', min: 0, max: 1000, step: 0.1, special: 'auto' },
  ],
  binary: ({ sums: s }, { params }) => {
    return (weightedCeBeta(s, params) * s.cePos + s.ceNeg) / s.n;
  },
  pixelMap: ({ sums }, { params }) => ceMap(weightedCeBeta(sums, params)),
};
