import type { LossModule } from './types';

export const lovaszHinge: LossModule = {
  id: 'lovasz-hinge',
  name: 'Lovász hinge',
  category: 'region',
  summary: 'A convex surrogate of the Jaccard loss on logits (Lovász extension).',
  formula: 'Σ relu(e_i)·g_i, e = 1 − x(2y−1) sorted descending, g the Lovász–Jaccard gradient',
  paper: { title: 'The Lovász-Softmax loss: A tractable surrogate for the optimization of the intersection-over-union measure in neural networks', authors: 'M. Berman, A. R. Triki, M. B. Blaschko', year: 2018, venue: 'CVPR' },
  range: [0, Infinity],
  params: [],
  binary: (s) => s.lovaszHinge,
};
