import { smoothDiceLoss } from './shared';
import type { LossModule } from './types';

export const logCoshDice: LossModule = {
  id: 'log-cosh-dice',
  name: 'Log-cosh Dice',
  category: 'region',
  summary: 'A smoothed Dice loss: ln(cosh(dice)).',
  formula: 'ln(cosh(1 − (2TP + 1)/(Σp + Σy + 1)))',
  paper: { title: 'A survey of loss functions for semantic segmentation', authors: 'S. Jadon', year: 2020, venue: 'IEEE CIBCB' },
  range: [0, Math.log(Math.cosh(1))],
  params: [],
  binary: ({ sums }) => Math.log(Math.cosh(smoothDiceLoss(sums, 1))),
};
