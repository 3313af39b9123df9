import type { ClassStats } from '../stats/types';
import type { PresetId, Tagged } from '../types';

export interface MetricEval {
  preset: PresetId;
  /** Tolerance τ of the normalised surface distance, in spacing units. */
  nsdTolerance: number;
  /** Percentile of `hd95` (95 when absent). */
  hdPercentile?: number;
}

export interface MetricSpec {
  id: string;
  name: string;
  summary: string;
  formula: string;
  /** Whether a larger value means a better prediction (drives sorting and colours). */
  higherIsBetter: boolean;
  /** 'ratio' in [0, 1], or a 'distance' in pixels or spacing units. */
  kind: 'ratio' | 'distance';
  whenUndefined: string;
}

export interface MetricModule extends MetricSpec {
  compute(stats: ClassStats, e: MetricEval): Tagged;
}
