import type { SurfaceDistances } from '../stats/types';
import { binaryCe, ceMap } from './shared';
import type { LossModule } from './types';

/** E: mean distance from the predicted boundary to the true one; 0 if either boundary is empty. */
export function shapeAwareE({ predToGt, gtToPred }: SurfaceDistances): number {
  if (!predToGt.length || !gtToPred.length) return 0;
  let e = 0;
  for (const d of predToGt) e += d;
  return e / predToGt.length;
}

export const shapeAware: LossModule = {
  id: 'shape-aware',
  name: 'Shape-aware',
  category: 'boundary',
  summary: 'Cross-entropy scaled by the mean distance of the predicted boundary to the true one.',
  formula: '(1 + E)·ce, E = mean over ∂P of the distance to ∂G (0 if either boundary is empty)',
  paper: { title: 'Boundary-aware Instance Segmentation', authors: 'Z. Hayder, X. He, M. Salzmann', year: 2017, venue: 'CVPR' },
  range: [0, Infinity],
  params: [],
  binary: (s) => (1 + shapeAwareE(s.surface)) * binaryCe(s.sums),
  pixelMap: (s) => ceMap(1 + shapeAwareE(s.surface), 1 + shapeAwareE(s.surface)),
};
