import { fieldMap } from './shared';
import type { LossModule } from './types';

export const hausdorffDt: LossModule = {
  id: 'hausdorff-dt',
  name: 'Hausdorff (distance transform)',
  category: 'boundary',
  summary: 'Squared error weighted by the distance of each pixel to both boundaries.',
  formula: '(1/N) Σ (p − y)² (d_P^α + d_y^α), d_m = EDT(m) + EDT(¬m), d_m ≡ 0 for an empty or full m',
  paper: { title: 'Reducing the Hausdorff Distance in Medical Image Segmentation with Convolutional Neural Networks', authors: 'D. Karimi, S. E. Salcudean', year: 2019, venue: 'IEEE TMI' },
  range: [0, Infinity],
  params: [
    { key: 'alpha', label: 'α (distance exponent)', description: 'Larger α punishes errors far from the boundaries more.', default: 2, min: 0, max: 4, step: 0.1 },
  ],
  // α enters the per-pixel sums (SumParams.hausdorffAlpha).
  readsFields: true,
  binary: (s) => s.fields.hausdorffDt / s.sums.n,
  pixelMap: () => fieldMap('hausdorffDt'),
};
