import { accuracy, diceMetric, iou, precision, recall, specificity } from './overlap';
import { assd, hd, hd95, nsd } from './surface';
import type { MetricModule } from './types';

/** Every metric, in the order of docs/LOSSES.md. */
export const METRICS: readonly MetricModule[] = [diceMetric, iou, precision, recall, specificity, accuracy, hd, hd95, assd, nsd];
