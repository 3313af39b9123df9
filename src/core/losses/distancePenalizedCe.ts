import { fieldMap } from './shared';
import type { LossModule } from './types';

export const distancePenalizedCe: LossModule = {
  id: 'distance-penalized-ce',
  name: 'Distance-penalized cross-entropy',
  category: 'distribution',
  summary: 'Cross-entropy weighted up near the ground-truth boundary.',
  formula: '(1/N) Σ (1+Φ)·CE_i, Φ = 1 − EDT(y)/max EDT(y) inside, 1 − EDT(¬y)/max EDT(¬y) outside',
  paper: { title: 'Distance Map Loss Penalty Term for Semantic Segmentation', authors: 'F. Caliva, C. Iriondo, A. M. Martinez, S. Majumdar, V. Pedoia', year: 2019, venue: 'MIDL' },
  range: [0, Infinity],
  params: [],
  readsFields: true,
  binary: (s) => s.fields.distancePenalizedCe / s.sums.n,
  pixelMap: () => fieldMap('distancePenalizedCe'),
};
