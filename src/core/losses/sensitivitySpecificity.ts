import { num } from '../params';
import type { LossModule } from './types';

export const sensitivitySpecificity: LossModule = {
  id: 'sensitivity-specificity',
  name: 'Sensitivity-specificity',
  category: 'region',
  summary: 'Weighted mean squared error on the foreground and on the background.',
  formula: 'r·Σ(y−p)²y/(Σy+ε) + (1−r)·Σ(y−p)²(1−y)/(Σ(1−y)+ε)',
  paper: { title: 'Deep Convolutional Encoder Networks for Multiple Sclerosis Lesion Segmentation', authors: 'T. Brosch, Y. Yoo, L. Y. W. Tang, D. K. B. Li, A. Traboulsee, R. Tam', year: 2015, venue: 'MICCAI' },
  range: [0, 1],
  params: [
    { key: 'sensitivityWeight', label: 'r (sensitivity weight)', description: 'Weight of the error on the foreground; the background gets 1 − r.', default: 0.05, min: 0, max: 1, step: 0.01 },
    { key: 'epsilon', label: 'ε', description: 'Keeps each term defined when a side is empty.', default: 1e-5, min: 0, max: 1, step: 1e-5 },
  ],
  binary: ({ sums: s }, { params }) => {
    const r = num(params, 'sensitivityWeight');
    const eps = num(params, 'epsilon');
    return (r * s.sqErrPos) / (s.sumY + eps) + ((1 - r) * s.sqErrNeg) / (s.n - s.sumY + eps);
  },
};
