import { num } from '../params';
import { tverskyIndex, tverskyParams } from './overlap';
import type { LossModule } from './types';

export const focalTversky: LossModule = {
  id: 'focal-tversky',
  name: 'Focal Tversky',
  category: 'region',
  summary: 'Tversky loss raised to γ, focusing on hard, poorly segmented classes.',
  formula: '(1 − TI)^γ per class, then the class mean; TI as tversky',
  paper: { title: 'A Novel Focal Tversky Loss Function with Improved Attention U-Net for Lesion Segmentation', authors: 'N. Abraham, N. M. Khan', year: 2019, venue: 'ISBI' },
  range: [0, 1],
  params: [
    ...tverskyParams,
    { key: 'gamma', label: 'γ (focusing)', description: 'γ < 1 raises the loss of well-segmented classes less than of poor ones.', default: 0.75, min: 0.1, max: 5, step: 0.05 },
  ],
  binary: ({ sums: s }, { params }) =>
    Math.pow(1 - tverskyIndex(s, num(params, 'fpWeight'), num(params, 'fnWeight'), num(params, 'smooth')), num(params, 'gamma')),
};
