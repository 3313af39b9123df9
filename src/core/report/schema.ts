import type { ParamValue } from '../params';
import type { MaskProblem, PresetId, Tagged } from '../types';
import type { ValueSet } from '../engine';

export const REPORT_SCHEMA = 'mask-inspector/report@1';

export interface ReportSettings {
  threshold: number;
  /** Pixel size along x (columns) and y (rows). */
  spacing: [number, number];
  nsdTolerance: number;
  ignoreIndex: number | null;
  params: Record<string, Record<string, ParamValue>>;
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
  mode: 'binary' | 'multiclass' | null;
  classes: number | null;
  perClass?: Record<string, ValueSet>;
  warnings: string[];
  error: MaskProblem | null;
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
}

export interface Summary {
  pairs: number;
  failed: number;
  losses: Record<string, Aggregate>;
  metrics: Record<string, Aggregate>;
  /** Per model, when several prediction folders share one ground truth. */
  models?: Record<string, Omit<Summary, 'models'>>;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: string; version: string };
  preset: PresetId;
  settings: ReportSettings;
  pairs: PairReport[];
  unpaired: Unpaired[];
  summary: Summary;
}

export type { Tagged };
