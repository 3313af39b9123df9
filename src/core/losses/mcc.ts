import { softCounts } from './shared';
import type { LossModule } from './types';

const EPS = 1e-5;

export const mcc: LossModule = {
  id: 'mcc',
  name: 'Matthews correlation',
  category: 'region',
  summary: 'One minus the soft Matthews correlation coefficient.',
  formula: '1 − (TP·TN − FP·FN)/sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)), ε = 1e-5 added to each count',
  paper: { title: 'Matthews Correlation Coefficient Loss for Deep Convolutional Networks: Application to Skin Lesion Segmentation', authors: 'K. Abhishek, G. Hamarneh', year: 2021, venue: 'ISBI' },
  range: [0, 2],
  params: [],
  binary: ({ sums }) => {
    const c = softCounts(sums);
    const [tp, fp, fn, tn] = [c.tp + EPS, c.fp + EPS, c.fn + EPS, c.tn + EPS];
    return 1 - (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  },
};
