import type { LabelArray } from '../types';
import { DEFAULT_MAX_CLASSES, tooManyClasses } from './budget';
import { maskError } from './errors';
import { binaryLabelsByKernel } from './decodeKernels';

/** How a label map was read: 'binary' = background 0 / foreground 1, 'classes' = class indices. */
export type LabelKind = 'binary' | 'classes';

export interface ClassifiedLabels {
  labels: LabelArray;
  kind: LabelKind;
  classes: number;
  /** The stored value that became label 1 in a binary mask (255 for a 0/255 mask); 1 otherwise. */
  foregroundValue: number;
  /** The ignore index in effect: none when a 0/v mask was read as binary although v was the one asked for. */
  ignoreIndex?: number;
  warnings: string[];
}

/** A flag per 16-bit value, for `distinctValues`: one table for every map, cleared after each. */
const SEEN = new Uint8Array(65536);

/** Beyond this many distinct values a "label map" is almost certainly an intensity image or a prediction. */
const MAX_DISTINCT_LABELS = 1024;

function onlyZeroAnd(values: ArrayLike<number>, v: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== v) return false;
  return true;
}

export function labelArrayFor(maxValue: number, length: number): LabelArray {
  return maxValue <= 255 ? new Uint8Array(length) : new Uint16Array(length);
}

const tooManyValues = (name: string): Error =>
  maskError('not-a-mask', name, `more than ${MAX_DISTINCT_LABELS} distinct values: this looks like an intensity image or a prediction, not a label map`);

/**
 * The distinct values of a map in ascending order, the ignore index left out, and how many pixels hold
 * it. An 8- or 16-bit map (nearly every mask) flags its values in `SEEN` in one branch-light pass, then
 * reads them off in order; any other array goes value by value through a set.
 */
function distinctValues(values: ArrayLike<number>, ignoreIndex: number | undefined, name: string): { distinct: number[]; ignored: number } {
  let ignored = 0;
  if (values instanceof Uint8Array || values instanceof Uint16Array) {
    const ignore = ignoreIndex ?? -1; // labels are unsigned: -1 is none
    const seen = SEEN;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === ignore) ignored++;
      else seen[v] = 1;
    }
    const distinct: number[] = [];
    const top = values instanceof Uint8Array ? 256 : 65536;
    for (let v = 0; v < top; v++) {
      if (!seen[v]) continue;
      seen[v] = 0; // left clear for the next map
      distinct.push(v);
    }
    if (distinct.length > MAX_DISTINCT_LABELS) throw tooManyValues(name);
    return { distinct, ignored };
  }
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === ignoreIndex) ignored++;
    else if (!distinct.has(v)) {
      distinct.add(v);
      if (distinct.size > MAX_DISTINCT_LABELS) throw tooManyValues(name);
    }
  }
  return { distinct: [...distinct].sort((a, b) => a - b), ignored };
}

/** Labels of a binary map: 1 for `fg`, the ignore index kept (NaN: none), 0 otherwise. A small function the JIT optimises once. */
export function binaryLabels(values: ArrayLike<number>, fg: number, ignore: number, labels: LabelArray): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    labels[i] = v === ignore ? v : v === fg ? 1 : 0;
  }
}

/**
 * Decides binary vs class map from the distinct values, the ignore index left out.
 * `collapse`: a map whose only values are 0 and one other value v is binary with v as foreground
 * (0/255, 0/65535 masks). Off for palette indices and palette colours, where the value is the class.
 */
export function classifyLabels(
  values: ArrayLike<number>,
  name: string,
  opts: { ignoreIndex?: number; collapse: boolean; maxClasses?: number },
): ClassifiedLabels {
  const { ignoreIndex: requested } = opts;
  // A 0/255 mask with ignore index 255 is far more often a binary mask than a mask that is all void
  // or background: read it as binary, and say so.
  const binaryLike = opts.collapse && requested !== undefined && requested !== 0 && onlyZeroAnd(values, requested);
  const ignoreIndex = binaryLike ? undefined : requested;
  const { distinct: sorted, ignored } = distinctValues(values, ignoreIndex, name);
  const warnings: string[] = [];
  if (binaryLike) warnings.push(`${name}: holds only 0 and ${requested}; read as a binary mask with ${requested} as foreground, not as the ignore index`);
  if (ignored === values.length && values.length > 0) warnings.push(`${name}: every pixel has the ignore index ${ignoreIndex}`);
  const nonZero = sorted.filter((v) => v !== 0);
  const maxStored = Math.max(ignored > 0 ? (ignoreIndex ?? 0) : 0, ...sorted);

  const isBinary = opts.collapse ? nonZero.length <= 1 : nonZero.length === 0 || (nonZero.length === 1 && nonZero[0] === 1);
  if (isBinary) {
    const fg = nonZero[0] ?? 1;
    const labels = labelArrayFor(Math.max(1, ignored > 0 ? (ignoreIndex ?? 0) : 0), values.length);
    // Byte values and labels (nearly every mask): by the WebAssembly kernel where it runs.
    const byKernel = values instanceof Uint8Array && labels instanceof Uint8Array && binaryLabelsByKernel(values, fg, ignoreIndex ?? -1, labels);
    if (!byKernel) binaryLabels(values, fg, ignoreIndex ?? NaN, labels);
    return { labels, kind: 'binary', classes: 2, foregroundValue: fg, ignoreIndex, warnings };
  }

  // Classes are indices: the largest label decides the work, however few labels there are.
  const classes = sorted[sorted.length - 1]! + 1;
  if (classes > (opts.maxClasses ?? DEFAULT_MAX_CLASSES)) tooManyClasses(name, classes - 1, opts.maxClasses ?? DEFAULT_MAX_CLASSES, 'ground truth');
  const labels = labelArrayFor(maxStored, values.length);
  for (let i = 0; i < values.length; i++) labels[i] = values[i]!;
  if (sorted.length > 64) {
    warnings.push(`${name}: ${sorted.length} distinct values read as class indices; is this really a label map?`);
  }
  return { labels, kind: 'classes', classes, foregroundValue: 1, ignoreIndex, warnings };
}
