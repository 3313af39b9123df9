import type { LossModule } from './types';
import { binaryCe, ceMap } from './shared';

export const ce: LossModule = {
  id: 'ce',
  name: 'Cross-entropy',
  category: 'distribution',
  summary: 'Mean negative log-likelihood of the true class at each pixel.',
  formula: '−(1/N) Σ [y ln q + (1−y) ln(1−q)]; multi-class: −(1/N) Σ ln q_label',
  paper: { title: 'A survey of loss functions for semantic segmentation', authors: 'S. Jadon', year: 2020, venue: 'IEEE CIBCB' },
  range: [0, Infinity],
  params: [],
  binary: (s) => binaryCe(s.sums),
  pixelMap: () => ceMap(),
  // Categorical: each pixel counts once, through the channel of its label.
  multiclass: (classes) => classes.reduce((acc, c) => acc + c.sums.cePos, 0) / classes[0].sums.n,
};
