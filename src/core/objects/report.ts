import type { Aggregate } from '../report/schema';
import type { Connectivity } from './connectivity';
import type { InstanceEncoding } from './instances';
import type { MatchRule } from './match';
import type { PooledObjects } from './pooled';
import type { ObjectMetricId } from './types';

export type { PairObjects } from './types';

/** The object settings of a run, as the report states them. */
export interface ObjectSettings {
  /** As given: 26 (the default) and 18 act as 8 on an image, 6 as 4; each pair states what it used. */
  connectivity: Connectivity;
  match: MatchRule;
  /** Both files were instance-id maps in this encoding (`--instances`). */
  instances?: InstanceEncoding;
}

/** Object metrics of a dataset: pooled from summed counts, and aggregated image by image. */
export interface ObjectSummary {
  pooled: PooledObjects;
  /** Mean, median, min and max of each pair's object metrics (pairs where it is undefined counted apart). */
  metrics: Record<ObjectMetricId, Aggregate>;
}
