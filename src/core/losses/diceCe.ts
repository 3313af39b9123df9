import { binaryCe, categoricalCe, lossClasses, mean, smoothDiceLoss } from './shared';
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
  // As MONAI's DiceCELoss: include_background reaches its DiceLoss only; the cross-entropy (torch's) is
  // over every channel. So under include_background=false this is not `ce` + `dice`.
  multiclass: (classes, e) => categoricalCe(classes, classes[0].sums.n) + mean(lossClasses(classes, e).map((c) => smoothDiceLoss(c.sums, 1))),
};
