import { MEAN_OVER, type MeanOver } from '../core/report/pooled';

/** Options of dataset-level evaluation (pooled metrics, class names, activations), parsed apart from the rest. */
export interface DatasetArgs {
  meanOver: MeanOver;
}

export const DATASET_FLAGS = ['--mean-over'] as const;

export const DATASET_USAGE = `  --mean-over foreground|all       classes a pooled mean runs over (default foreground; VOC/mmseg: all)`;

/** `one(flag)` gives a flag's single value; `fail(message)` throws the usage error. */
export function parseDatasetArgs(one: (flag: string) => string | undefined, fail: (message: string) => never): DatasetArgs {
  const meanOver = (one('--mean-over') ?? 'foreground') as MeanOver;
  if (!MEAN_OVER.includes(meanOver)) fail(`--mean-over is one of ${MEAN_OVER.join(', ')}, got '${meanOver}'`);
  return { meanOver };
}
