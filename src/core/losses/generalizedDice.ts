import { num } from '../params';
import type { PixelSums } from '../stats/types';
import { bothClasses, lossClasses } from './shared';
import type { LossModule } from './types';
import { smoothParam } from './overlap';

/** Weights 1/(Σy_c)²; an absent class takes the largest finite weight (0 if none is finite). */
function classWeights(classes: readonly PixelSums[]): number[] {
  const w = classes.map((c) => 1 / (c.sumY * c.sumY));
  const finite = w.filter(Number.isFinite);
  const fill = finite.length ? Math.max(...finite) : 0;
  return w.map((x) => (Number.isFinite(x) ? x : fill));
}

function generalizedDiceLoss(classes: readonly PixelSums[], smooth: number): number {
  const w = classWeights(classes);
  let inter = 0;
  let total = 0;
  classes.forEach((c, i) => {
    inter += w[i] * c.tp;
    total += w[i] * (c.sumP + c.sumY);
  });
  return 1 - (2 * inter + smooth) / (total + smooth);
}

export const generalizedDice: LossModule = {
  id: 'generalized-dice',
  name: 'Generalized Dice',
  category: 'region',
  summary: 'Dice over all classes, each weighted by the inverse square of its size.',
  formula: '1 − (2 Σ_c w_c Σ p_c y_c + s)/(Σ_c w_c Σ(p_c + y_c) + s), w_c = 1/(Σ y_c)²',
  paper: { title: 'Generalised Dice overlap as a deep learning loss function for highly unbalanced segmentations', authors: 'C. H. Sudre, W. Li, T. Vercauteren, S. Ourselin, M. J. Cardoso', year: 2017, venue: 'DLMIA' },
  range: [0, 1],
  params: [smoothParam(1e-5)],
  // Without the background a binary pair is MONAI's single foreground channel, where the weight nearly cancels.
  binary: (s, e) => generalizedDiceLoss(lossClasses(bothClasses(s), e), num(e.params, 'smooth')),
  multiclass: (classes, e) => generalizedDiceLoss(lossClasses(classes, e).map((c) => c.sums), num(e.params, 'smooth')),
};
