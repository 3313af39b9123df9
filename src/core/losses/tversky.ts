import { num } from '../params';
import { overlapLoss, tverskyParams } from './overlap';
import type { LossModule } from './types';

export const tversky: LossModule = {
  id: 'tversky',
  name: 'Tversky',
  category: 'region',
  summary: 'Dice generalised with separate weights for false positives and false negatives.',
  formula: '1 − TI, TI = (TP + s)/(TP + a·FP + b·FN + s)',
  paper: { title: 'Tversky loss function for image segmentation using 3D fully convolutional deep networks', authors: 'S. S. M. Salehi, D. Erdogmus, A. Gholipour', year: 2017, venue: 'MLMI' },
  range: [0, 1],
  params: tverskyParams,
  presetDefaults: {
    monai: { fpWeight: 0.5, fnWeight: 0.5, smooth: 1e-5 },
    smp: { fpWeight: 0.5, fnWeight: 0.5, smooth: 0 },
  },
  binary: ({ sums: s }, { params, preset }) => {
    const sm = num(params, 'smooth');
    const den = s.tp + num(params, 'fpWeight') * (s.sumP - s.tp) + num(params, 'fnWeight') * (s.sumY - s.tp) + sm;
    return overlapLoss(s, preset, s.tp + sm, den);
  },
};
