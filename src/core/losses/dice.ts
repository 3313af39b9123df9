import { num } from '../params';
import { overlapLoss, smoothParam } from './overlap';
import type { LossModule } from './types';

export const dice: LossModule = {
  id: 'dice',
  name: 'Dice',
  category: 'region',
  summary: 'One minus the soft Dice coefficient.',
  formula: '1 − (2TP + s)/(Σp + Σy + s); smp: 1 − 2TP/max(Σp + Σy, 1e-7), 0 for an empty ground truth',
  paper: { title: 'V-Net: Fully Convolutional Neural Networks for Volumetric Medical Image Segmentation', authors: 'F. Milletari, N. Navab, S.-A. Ahmadi', year: 2016, venue: '3DV' },
  range: [0, 1],
  params: [smoothParam(1)],
  presetDefaults: { monai: { smooth: 1e-5 }, smp: { smooth: 0 } },
  binary: ({ sums: s }, { params, preset }) => {
    const sm = num(params, 'smooth');
    return overlapLoss(s, preset, 2 * s.tp + sm, s.sumP + s.sumY + sm);
  },
};
