import { num } from '../params';
import { smoothDiceLoss } from './shared';
import type { LossModule } from './types';

export const combo: LossModule = {
  id: 'combo',
  name: 'Combo',
  category: 'compound',
  summary: 'Weighted cross-entropy minus the Dice coefficient (can be negative).',
  formula: 'α·[−(1/N) Σ (β y ln q + (1−β)(1−y) ln(1−q))] − (1−α)·(2TP + 1)/(Σp + Σy + 1)',
  paper: { title: 'Combo loss: Handling input and output imbalance in multi-organ segmentation', authors: 'S. A. Taghanaki, Y. Zheng, S. K. Zhou, B. Georgescu, P. Sharma, D. Xu, D. Comaniciu, G. Hamarneh', year: 2019, venue: 'Computerized Medical Imaging and Graphics' },
  range: [-1, Infinity],
  params: [
    { key: 'alpha', label: 'α (CE share)', description: 'Share of the weighted cross-entropy; the Dice term gets 1 − α.', default: 0.5, min: 0, max: 1, step: 0.05 },
    { key: 'beta', label: 'β (positive weight)', description: 'β > 0.5 punishes false negatives more than false positives.', default: 0.5, min: 0, max: 1, step: 0.05 },
  ],
  binary: ({ sums: s }, { params }) => {
    const a = num(params, 'alpha');
    const b = num(params, 'beta');
    const wce = (b * s.cePos + (1 - b) * s.ceNeg) / s.n;
    return a * wce - (1 - a) * (1 - smoothDiceLoss(s, 1));
  },
};
