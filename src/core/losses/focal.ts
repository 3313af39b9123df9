import type { LossModule } from './types';

export const focal: LossModule = {
  id: 'focal',
  name: 'Focal',
  category: 'distribution',
  summary: 'Cross-entropy down-weighted on pixels that are already well classified.',
  formula: '−(1/N) Σ α_t (1−p_t)^γ ln p_t, p_t = q if y=1 else 1−q, α_t = α if y=1 else 1−α',
  paper: { title: 'Focal Loss for Dense Object Detection', authors: 'T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár', year: 2017, venue: 'ICCV' },
  range: [0, Infinity],
  params: [
    { key: 'alpha', label: 'α (positive weight)', description: 'Weight of positives (negatives get 1 − α); none weights all pixels 1.', default: 0.25, min: 0, max: 1, step: 0.01, special: 'none' },
    { key: 'gamma', label: 'γ (focusing)', description: 'Larger γ ignores easy pixels more; γ = 0 is cross-entropy.', default: 2, min: 0, max: 10, step: 0.1 },
  ],
  presetDefaults: { monai: { alpha: 'none', gamma: 2 }, smp: { alpha: 'none', gamma: 2 } },
  // γ enters the per-pixel sums (SumParams.focalGamma); α weighs the two halves.
  binary: ({ sums: s }, { params }) => {
    if (params.alpha === 'none') return (s.focalPos + s.focalNeg) / s.n;
    const a = params.alpha as number;
    return (a * s.focalPos + (1 - a) * s.focalNeg) / s.n;
  },
  pixelMap: (_, { params }) => {
    const a = params.alpha === 'none' ? null : (params.alpha as number);
    return { pos: 'focalPos', neg: 'focalNeg', wPos: a ?? 1, wNeg: a === null ? 1 : 1 - a };
  },
};
