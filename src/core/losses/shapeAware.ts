import { binaryCe } from './shared';
import type { LossModule } from './types';

export const shapeAware: LossModule = {
  id: 'shape-aware',
  name: 'Shape-aware',
  category: 'boundary',
  summary: 'Cross-entropy scaled by the mean distance of the predicted boundary to the true one.',
  formula: '(1 + E)·ce, E = mean over ∂P of the distance to ∂G (0 if either boundary is empty)',
  paper: { title: 'Boundary-aware Instance Segmentation', authors: 'Z. Hayder, X. He, M. Salzmann', year: 2017, venue: 'CVPR' },
  range: [0, Infinity],
  params: [],
  binary: (s) => {
    const { predToGt, gtToPred } = s.surface;
    let e = 0;
    if (predToGt.length && gtToPred.length) {
      for (const d of predToGt) e += d;
      e /= predToGt.length;
    }
    return (1 + e) * binaryCe(s.sums);
  },
};
