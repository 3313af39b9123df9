import { num } from '../params';
import { overlapLoss, smoothParam } from './overlap';
import type { LossModule } from './types';

export const jaccard: LossModule = {
  id: 'jaccard',
  name: 'Jaccard (soft IoU)',
  category: 'region',
  summary: 'One minus the soft intersection over union.',
  formula: '1 − (TP + s)/(Σp + Σy − TP + s); monai: 1 − (2TP + s)/(2(Σp + Σy − TP) + s)',
  paper: { title: 'Optimizing Intersection-over-Union in Deep Neural Networks for Image Segmentation', authors: 'M. A. Rahman, Y. Wang', year: 2016, venue: 'ISVC' },
  range: [0, 1],
  params: [smoothParam(1)],
  presetDefaults: { monai: { smooth: 1e-5 }, smp: { smooth: 0 } },
  binary: ({ sums: s }, { params, preset }) => {
    const sm = num(params, 'smooth');
    const union = s.sumP + s.sumY - s.tp;
    if (preset === 'monai') return 1 - (2 * s.tp + sm) / (2 * union + sm);
    return overlapLoss(s, preset, s.tp + sm, union + sm);
  },
};
