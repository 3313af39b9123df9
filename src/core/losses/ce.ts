import type { LossModule } from './types';
import { binaryCe, categoricalCe, ceMap, lossClasses } from './shared';

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
  // Categorical: each pixel counts once, through the channel of its label. Without the background
  // (include_background=false) channel 0 leaves the one-hot sum: its pixels add 0, N stays.
  multiclass: (classes, e) => categoricalCe(lossClasses(classes, e), classes[0].sums.n),
};
