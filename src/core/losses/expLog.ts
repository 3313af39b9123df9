import { num, type ParamValues } from '../params';
import type { PixelSums } from '../stats/types';
import { bothClasses, lossClasses, mean } from './shared';
import type { LossModule } from './types';

// γ_C enters the per-pixel sums (SumParams.expLogCeGamma). `classes` are those the loss reads: without
// the background (include_background=false) both terms and the weights' class counts leave it out,
// while the cross-entropy term still divides by every valid pixel.
function expLogLoss(classes: readonly PixelSums[], n: number, params: ParamValues): number {
  const gD = num(params, 'diceGamma');
  const diceTerm = mean(
    classes.map((c) => Math.pow(-Math.log((2 * c.tp + 1) / (c.sumP + c.sumY + 1)), gD)),
  );
  // w_l = sqrt(Σ_k f_k / f_l); a class with no pixels has no term to weigh.
  const total = classes.reduce((a, c) => a + c.sumY, 0);
  let ceSum = 0;
  for (const c of classes) if (c.sumY > 0) ceSum += Math.sqrt(total / c.sumY) * c.expLogPos;
  return num(params, 'diceWeight') * diceTerm + num(params, 'ceWeight') * (ceSum / n);
}

export const expLog: LossModule = {
  id: 'exp-log',
  name: 'Exponential logarithmic',
  category: 'compound',
  summary: 'Dice and cross-entropy terms, each through a logarithm raised to a power.',
  formula: 'w_D·mean_c(−ln Dice_c)^γD + w_C·mean_x[w_l·(−ln q_l)^γC], w_l = sqrt(Σ_k f_k / f_l)',
  paper: { title: '3D Segmentation with Exponential Logarithmic Loss for Highly Unbalanced Object Sizes', authors: 'K. C. L. Wong, M. Moradi, H. Tang, T. Syeda-Mahmood', year: 2018, venue: 'MICCAI' },
  range: [0, Infinity],
  params: [
    { key: 'diceWeight', label: 'w_D (Dice weight)', description: 'Weight of the Dice term.', default: 0.8, min: 0, max: 1, step: 0.05 },
    { key: 'ceWeight', label: 'w_C (CE weight)', description: 'Weight of the cross-entropy term.', default: 0.2, min: 0, max: 1, step: 0.05 },
    { key: 'diceGamma', label: 'γ_D', description: 'Exponent of the Dice term; below 1 it favours poorly segmented classes.', default: 0.3, min: 0.05, max: 3, step: 0.05 },
    { key: 'ceGamma', label: 'γ_C', description: 'Exponent of the cross-entropy term.', default: 0.3, min: 0.05, max: 3, step: 0.05 },
  ],
  // A binary pair's two classes are {1 − p, p}; without the background, the foreground channel alone.
  binary: (s, e) => expLogLoss(lossClasses(bothClasses(s), e), s.sums.n, e.params),
  multiclass: (classes, e) => expLogLoss(lossClasses(classes, e).map((c) => c.sums), classes[0].sums.n, e.params),
};
