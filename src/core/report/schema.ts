import type { ParamValue } from '../params';
import type { MaskProblem, PresetId, Tagged } from '../types';
import type { ValueSet } from '../engine';
import type { ConfusionMatrix, Counts } from '../stats/confusion';
import type { Activation } from '../io/activation';
import type { ClassNames } from '../classes/classNames';
import type { LabelMap } from '../classes/labelMap';
import type { MeanOver, PooledSet } from './pooled';
import type { ObjectSettings, ObjectSummary, PairObjects } from '../objects/report';

export const REPORT_SCHEMA = 'mask-inspector/report@1';

export interface ReportSettings {
  threshold: number;
  /** Pixel size along x (columns) and y (rows); three numbers (x, y, z) override volumes' headers. */
  spacing: [number, number] | [number, number, number];
  nsdTolerance: number;
  ignoreIndex: number | null;
  params: Record<string, Record<string, ParamValue>>;
  /** Classes the pooled means run over. */
  meanOver?: MeanOver;
  /** What was applied to float predictions whose values leave [0, 1]. */
  activation?: Activation;
  /** Class index → name (`--classes`, or a dataset.json / classes.json beside the ground truth); `perClass` keys stay indices. */
  classNames?: ClassNames;
  /** Ground-truth raw id → train id (`--label-map`); null = ignored. */
  labelMap?: LabelMap;
  /** Percentile of the metric `hd95` (95 unless set). */
  hdPercentile?: number;
  /** NSD tolerance per class (index = class); wins over `nsdTolerance`. */
  nsdTolerances?: number[];
  /** MONAI's include_background, when given (see `--include-background`). */
  includeBackground?: boolean;
  /** Ground truths were read as (C, H, W) multi-label channels. */
  multiLabel?: boolean;
  /** Connectivity and matching rule of the object-level evaluation. */
  objects?: ObjectSettings;
}

/** One pair of the report; `error` is set (and the values empty) when it could not be computed. */
export interface PairReport extends ValueSet {
  /** The folder searched (as given); '' for files named with --gt/--pred. `gt` and `pred` are relative to it. */
  root: string;
  gt: string;
  pred: string;
  /** Dataset folder and model (prediction folder) the pair was found under; '' when not applicable. */
  dataset: string;
  model: string;
  width: number | null;
  height: number | null;
  /** Volumes only: slices, and the voxel size (x, y, z) the distances are in. */
  depth?: number;
  spacing?: [number, number, number];
  /** 'multilabel': a (C, H, W) ground truth of overlapping 0/1 channels, each its own binary problem (`--multi-label true`). */
  mode: 'binary' | 'multiclass' | 'multilabel' | null;
  classes: number | null;
  /** Hard confusion counts of a binary pair (foreground against background). */
  counts?: Counts;
  /** Per class of a multi-class pair, with that class's counts (one against the rest). */
  perClass?: Record<string, ClassValues>;
  /** Multi-class pair: rows = ground-truth class, columns = predicted class; ignored pixels left out. */
  confusion?: ConfusionMatrix;
  /** Object-level evaluation: connected objects of each class, matched between the two sides. */
  objects?: PairObjects;
  warnings: string[];
  error: MaskProblem | null;
}

export interface ClassValues extends ValueSet {
  counts?: Counts;
}

export interface Unpaired {
  path: string;
  reason: string;
}

export interface Aggregate {
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Pairs with an `ok` value. */
  count: number;
  /** Pairs whose value is infinite (left out of mean and median). */
  infinite: number;
  /** Pairs whose value is undefined (left out of mean and median). */
  undefined: number;
  /**
   * Distance metrics: the same statistics with each infinite value replaced by the image's diagonal in
   * physical units (Metrics Reloaded), so a prediction that misses a structure cannot look better.
   */
  worstCase?: Omit<Aggregate, 'worstCase' | 'infinite' | 'undefined'>;
}

export interface Summary {
  pairs: number;
  failed: number;
  losses: Record<string, Aggregate>;
  metrics: Record<string, Aggregate>;
  /** Dataset-level overlap metrics from the counts summed over every computed pair. */
  pooled?: PooledSet;
  /** Object metrics pooled over the dataset and their per-image aggregates. */
  objects?: ObjectSummary;
  /** Per model, when several prediction folders share one ground truth. */
  models?: Record<string, Omit<Summary, 'models' | 'interrupted'>>;
  /** The run was stopped (SIGINT/SIGTERM) before every pair was computed: these are the pairs so far. */
  interrupted?: true;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: string; version: string };
  preset: PresetId;
  settings: ReportSettings;
  /** What the CLI needs to resume a run or merge its shards; absent in reports from the extension. */
  run?: RunInfo;
  pairs: PairReport[];
  unpaired: Unpaired[];
  summary: Summary;
}

/** Identity of a CLI run: parts with one `settingsHash` can be resumed into or merged with each other. */
export interface RunInfo {
  /** sha256 of the tool version and everything that decides the numbers and the summary. */
  settingsHash: string;
  /** Losses and metrics computed (the columns of the table formats). */
  losses: string[];
  metrics: string[];
  /** This run computed only the pairs of one shard. */
  shard?: { index: number; count: number };
}

export type { Tagged, ConfusionMatrix, Counts, PooledSet };
