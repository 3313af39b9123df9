import type { Tagged } from '../types';
import type { Connectivity } from './connectivity';
import type { MatchRule } from './match';

/** Object counts of one class (or summed over classes): tp + fn = gt, tp + fp = pred. */
export interface ObjectCounts {
  gt: number;
  pred: number;
  /** Matched pairs. */
  tp: number;
  /** Predicted objects without a match (extra). */
  fp: number;
  /** Ground-truth objects without a match (missed). */
  fn: number;
}

export const OBJECT_METRIC_IDS = ['object-precision', 'object-recall', 'object-f1', 'pq', 'sq', 'rq'] as const;
export type ObjectMetricId = (typeof OBJECT_METRIC_IDS)[number];

/** Counts, the summed IoU of matched pairs (what SQ and PQ pool), and the metrics they give. */
export interface ObjectSet {
  counts: ObjectCounts;
  iouSum: number;
  metrics: Record<ObjectMetricId, Tagged>;
}

/** One object of one side. Every number is finite: an object has at least one pixel. */
export interface ObjectEntry {
  /** 1… within its side and class, in raster order of the object's first pixel. */
  id: number;
  /** Pixels (voxels). */
  size: number;
  /** Size times the pixel (voxel) size from the spacing. */
  volume: number;
  /** Inclusive bounding box in pixels: [x0, y0, x1, y1] on an image, [x0, y0, z0, x1, y1, z1] in a volume. */
  box: number[];
  /** Id of the matched object on the other side; null when missed (ground truth) or extra (prediction). */
  match: number | null;
  /** IoU and Dice with the matched object; 0 without one. */
  iou: number;
  dice: number;
}

export interface ClassObjects extends ObjectSet {
  gtObjects: ObjectEntry[];
  predObjects: ObjectEntry[];
}

/**
 * Object-level results of a pair. Binary: the foreground's counts, metrics and objects. Multi-class:
 * counts and IoU summed over foreground classes, metrics the mean over foreground classes that have an
 * object on either side, objects per class in `perClass`.
 */
export interface PairObjects extends ObjectSet {
  /** The connectivity used (8 or 4 on an image; 26, 18 or 6 in a volume). */
  connectivity: Connectivity;
  match: MatchRule;
  gtObjects?: ObjectEntry[];
  predObjects?: ObjectEntry[];
  perClass?: Record<string, ClassObjects>;
}
