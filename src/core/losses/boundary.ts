import { fieldMap } from './shared';
import type { LossModule } from './types';

export const boundary: LossModule = {
  id: 'boundary',
  name: 'Boundary',
  category: 'boundary',
  summary: 'Predicted probability integrated over the signed distance to the ground-truth boundary.',
  formula: '(1/N) Σ p·φ, φ = EDT(¬y)·(1−y) − (EDT(y) − 1)·y; φ ≡ 0 for an empty y',
  paper: { title: 'Boundary loss for highly unbalanced segmentation', authors: 'H. Kervadec, J. Bouchtiba, C. Desrosiers, E. Granger, J. Dolz, I. Ben Ayed', year: 2019, venue: 'MIDL' },
  range: [-Infinity, Infinity],
  params: [],
  readsFields: true,
  binary: (s) => s.fields.boundary / s.sums.n,
  pixelMap: () => fieldMap('boundary'),
};
