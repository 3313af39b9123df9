import { ACTIVATIONS, type Activation } from '../core/io/activation';
import { MEAN_OVER, type MeanOver } from '../core/report/pooled';
import { ACTIVATION, HD_PERCENTILE, inRange, MEAN_OVER_OPTION } from '../core/options';

/** Options of dataset-level evaluation (pooled metrics, class names, activations), parsed apart from the rest. */
export interface DatasetArgs {
  meanOver: MeanOver;
  activation: Activation;
  /** JSON file of class names; else found beside the ground truth. */
  classes?: string;
  /** JSON file of raw id → train id. */
  labelMap?: string;
  /** Percentile of hd95 (default 95). */
  hdPercentile: number;
  /** `--nsd-tolerance T0,T1,…`: one tolerance per class. */
  nsdTolerances?: number[];
  /** MONAI's include_background; absent: the tool's conventions. */
  includeBackground?: boolean;
  /** Ground truths are (C, H, W) multi-label channels. */
  multiLabel?: boolean;
}

export const DATASET_FLAGS = ['--mean-over', '--activation', '--classes', '--label-map', '--hd-percentile', '--include-background', '--multi-label'] as const;

export const DATASET_USAGE = `  --mean-over foreground|all       classes a pooled mean runs over (default foreground; VOC/mmseg: all)
  --activation auto|none|sigmoid|softmax   float .npy predictions: auto (default) applies sigmoid (1 channel)
                                   or softmax (C channels) when values leave [0, 1]; none refuses them
  --classes FILE                   class names: JSON list, {"id": "name"}, or nnU-Net dataset.json
                                   (default: dataset.json or classes.json beside the ground-truth folder)
  --label-map FILE                 ground-truth raw id → train id, {"7": 0, "8": 1, "0": 255} or
                                   [{"id": 7, "trainId": 0}, …]; 255/−1/null = ignore (index 255 by default)
  --hd-percentile Q                percentile of the metric hd95 (default 95; the id stays hd95)
  --include-background true|false  MONAI's include_background: true = multi-class metrics over all classes;
                                   false = every loss over classes without the background (dice-ce: its
                                   Dice part, as MONAI's DiceCELoss; see docs/LOSSES.md)
                                   (default: losses with, metrics without)
  --multi-label true|false         ground truths are (C, H, W) .npy of 0/1 channels that may overlap
                                   (one-hot, BraTS regions): channel c against prediction channel c`;

/** `one(flag)` gives a flag's single value; `fail(message)` throws the usage error. */
export function parseDatasetArgs(one: (flag: string) => string | undefined, fail: (message: string) => never): DatasetArgs {
  const meanOver = (one('--mean-over') ?? MEAN_OVER_OPTION.default) as MeanOver;
  if (!MEAN_OVER.includes(meanOver)) fail(`--mean-over is one of ${MEAN_OVER.join(', ')}, got '${meanOver}'`);
  const activation = (one('--activation') ?? ACTIVATION.default) as Activation;
  if (!ACTIVATIONS.includes(activation)) fail(`--activation is one of ${ACTIVATIONS.join(', ')}, got '${activation}'`);
  const q = one('--hd-percentile');
  const hdPercentile = q === undefined ? HD_PERCENTILE.default : Number(q);
  if (q !== undefined && (q.trim() === '' || !inRange(HD_PERCENTILE, hdPercentile))) fail(`--hd-percentile needs ${HD_PERCENTILE.what}, got '${q}'`);
  const out: DatasetArgs = { meanOver, activation, hdPercentile };
  const nsd = one('--nsd-tolerance');
  if (nsd?.includes(',')) {
    const parts = nsd.split(',');
    const list = parts.map(Number);
    if (!parts.every((t, k) => t.trim() !== '' && list[k]! >= 0)) fail(`--nsd-tolerance takes a number ≥ 0 or one per class T0,T1,…, got '${nsd}'`);
    out.nsdTolerances = list;
  }
  const bg = one('--include-background');
  if (bg !== undefined) {
    if (bg !== 'true' && bg !== 'false') fail(`--include-background is true or false, got '${bg}'`);
    out.includeBackground = bg === 'true';
  }
  const ml = one('--multi-label');
  if (ml !== undefined) {
    if (ml !== 'true' && ml !== 'false') fail(`--multi-label is true or false, got '${ml}'`);
    if (ml === 'true') out.multiLabel = true;
  }
  const classes = one('--classes');
  const labelMap = one('--label-map');
  if (classes !== undefined) out.classes = classes;
  if (labelMap !== undefined) out.labelMap = labelMap;
  return out;
}
