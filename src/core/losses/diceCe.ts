import { ce } from './ce';
import { binaryCe, mean, smoothDiceLoss } from './shared';
import type { LossModule } from './types';

export const diceCe: LossModule = {
  id: 'dice-ce',
  name: 'Dice + cross-entropy',
  category: 'compound',
  summary: 'The sum of the cross-entropy and the Dice loss (nnU-Net\'s default).',
  formula: 'ce + dice',
  paper: { title: 'nnU-Net: a self-configuring method for deep learning-based biomedical image segmentation', authors: 'F. Isensee, P. F. Jaeger, S. A. A. Kohl, J. Petersen, K. H. Maier-Hein', year: 2021, venue: 'Nature Methods' },
  range: [0, Infinity],
  params: [],
  binary: ({ sums }) => binaryCe(sums) + smoothDiceLoss(sums, 1),
  // Categorical cross-entropy plus the class mean of Dice, as MONAI's DiceCELoss.
  multiclass: (classes, e) => (ce.multiclass as NonNullable<typeof ce.multiclass>)(classes, e) + mean(classes.map((c) => smoothDiceLoss(c.sums, 1))),
};
