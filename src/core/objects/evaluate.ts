import { argmaxAt } from '../argmax';
import type { PairInput } from '../types';
import { labelComponents, type Components, type Grid } from './components';
import { instanceComponents } from './instances';
import { mapsByKernel } from './mapsKernel';
import { DEFAULT_CONNECTIVITY, effectiveConnectivity, type Connectivity } from './connectivity';
import { matchObjects, overlaps, type Match, type MatchRule } from './match';
import { addCounts, meanObjectMetrics, objectMetrics, zeroCounts } from './metrics';
import type { ClassObjects, ObjectEntry, PairObjects } from './types';

export interface ObjectOptions {
  connectivity: Connectivity;
  match: MatchRule;
}

export const DEFAULT_OBJECT_OPTIONS: ObjectOptions = { connectivity: DEFAULT_CONNECTIVITY, match: 'iou' };

/** A pair with its prediction already hard: the predicted class of each pixel (voxel). */
export interface HardPair extends Pick<PairInput, 'width' | 'height' | 'depth' | 'mode' | 'classes' | 'labels' | 'ignoreIndex'> {
  predicted: ArrayLike<number>;
}

/** Both sides' class per pixel, as objects read them, and the confusion counts they make. */
export interface ValueMaps {
  /** The class of each pixel; 0 (no object) for background and ignored pixels. One byte a pixel for a binary pair. */
  gt: Uint8Array | Uint16Array;
  pred: Uint8Array | Uint16Array;
  /** Pixels per (ground-truth class, predicted class), ignored pixels left out: C×C row-major, C = 2 for a binary pair. */
  confusion: Float64Array;
}

/**
 * The class of each pixel on both sides as the engine sees it: the hard prediction is p > threshold
 * (binary) or the argmax (first maximum on ties), or given (`HardPair`); background and ignored pixels
 * are 0, no object. The confusion counts come from the same pass (the report's `counts`/`confusion`).
 */
export function objectValueMaps(input: PairInput | HardPair, threshold: number, wasm = true): ValueMaps {
  const { labels } = input;
  const n = labels.length;
  // Labels are unsigned: -1 matches none when nothing is ignored.
  const ignore = input.ignoreIndex ?? -1;
  const hard = 'predicted' in input ? input.predicted : undefined;
  const prob = 'prob' in input ? input.prob : undefined;
  if (input.mode === 'binary') {
    const gt = new Uint8Array(n);
    const pred = new Uint8Array(n);
    // A hard prediction's classes are integers ≥ 0: its foreground is what lies above 0. A small function
    // of its own, which V8 optimises once, where a loop it optimises while running recompiles all of its function.
    // Byte labels and a float32 probability (nearly every pair): by the WebAssembly kernel where it runs
    // (`wasm` false: by the loop, which it equals).
    const byKernel = wasm && labels instanceof Uint8Array && prob instanceof Float32Array ? mapsByKernel(labels, prob, threshold, ignore, gt, pred) : undefined;
    if (byKernel) return { gt, pred, confusion: byKernel };
    const c = prob ? binaryMaps(labels, prob, threshold, ignore, gt, pred) : binaryMaps(labels, hard as ArrayLike<number>, 0, ignore, gt, pred);
    return { gt, pred, confusion: c };
  }
  const C = input.classes;
  const gt = new Uint16Array(n);
  const pred = new Uint16Array(n);
  const confusion = new Float64Array(C * C);
  for (let i = 0; i < n; i++) {
    const g = labels[i];
    if (g === ignore) continue;
    const p = hard ? hard[i] : argmaxAt(prob as PairInput['prob'], C, n, i);
    gt[i] = g;
    pred[i] = p;
    confusion[g * C + p]++;
  }
  return { gt, pred, confusion };
}

/**
 * `objectValueMaps` of a binary pair: gt = label ≠ 0, pred = prediction > cut (a probability over the
 * threshold, or a hard class above 0), both 0 at ignored pixels; the confusion counts [tn, fp, fn, tp].
 */
function binaryMaps(labels: PairInput['labels'], prediction: ArrayLike<number>, cut: number, ignore: number, gt: Uint8Array, pred: Uint8Array): Float64Array {
  let valid = 0;
  let gtOn = 0;
  let predOn = 0;
  let both = 0;
  for (let i = 0; i < gt.length; i++) {
    const g = labels[i];
    if (g === ignore) continue;
    const a = g ? 1 : 0;
    const b = prediction[i] > cut ? 1 : 0;
    gt[i] = a;
    pred[i] = b;
    valid++;
    gtOn += a;
    predOn += b;
    both += a & b;
  }
  return Float64Array.of(valid - gtOn - predOn + both, predOn - both, gtOn - both, both);
}

/** The objects of one side split by class, each object's position in its class's list. */
function byClass(c: Components): { lists: number[][]; local: Int32Array } {
  const lists: number[][] = [];
  const local = new Int32Array(c.count + 1);
  for (let id = 1; id <= c.count; id++) {
    const list = (lists[c.value[id - 1]] ??= []);
    list.push(id);
    local[id] = list.length;
  }
  return { lists, local };
}

/** Instance ids of a side read from an instance-id map; that side's objects are its instances. */
export interface InstanceIds {
  gt?: Uint16Array;
  pred?: Uint16Array;
}

/**
 * Object-level evaluation of a pair: connected objects of each class on both sides (or the instances of
 * an instance-id map), matched one to one. Linear in pixels apart from sorting the overlapping pairs,
 * so it is computed for every pair.
 */
export function evaluateObjects(input: PairInput | HardPair, threshold: number, spacing: readonly number[], options: Partial<ObjectOptions> = {}, instances: InstanceIds = {}, maps?: ValueMaps): PairObjects {
  return layout(input, spacing, options, instances, maps ?? objectValueMaps(input, threshold), idBuffers(input.labels.length)).objects;
}

/** Pixels up to which `evaluateObjects` keeps its two id maps for the next pair (2 × 16 MiB at most). */
const KEEP_UP_TO = 2048 * 2048;
let kept: [Int32Array, Int32Array] | undefined;

/**
 * Id maps for `evaluateObjects`, whose object maps die with the call: the last pair's when the size is
 * the same (a batch's pairs mostly are), so a pair does not allocate, fault in and free 8 bytes a pixel.
 */
function idBuffers(n: number): [Int32Array, Int32Array] | undefined {
  if (kept?.[0].length === n) return kept;
  kept = undefined; // the old size's buffers can go before the new ones are made
  if (n <= KEEP_UP_TO) kept = [new Int32Array(n), new Int32Array(n)];
  return kept;
}

/** A pair's object results with where each object lies, for drawing them (the comparison panel). */
export interface ObjectLayout {
  objects: PairObjects;
  /** Each side's object map: `ids` holds an object's map id at each of its pixels. */
  gt: Components;
  pred: Components;
  /** Per class: the map ids of that class's `gtObjects` / `predObjects`, in list order (entry id k is map id `[c][k − 1]`). */
  gtIds: number[][];
  predIds: number[][];
}

/** `evaluateObjects`, keeping the object maps; `maps` when the caller has them already (`objectValueMaps`). */
export function layoutObjects(
  input: PairInput | HardPair,
  threshold: number,
  spacing: readonly number[],
  options: Partial<ObjectOptions> = {},
  instances: InstanceIds = {},
  maps = objectValueMaps(input, threshold),
): ObjectLayout {
  return layout(input, spacing, options, instances, maps);
}

function layout(input: PairInput | HardPair, spacing: readonly number[], options: Partial<ObjectOptions>, instances: InstanceIds, maps: ValueMaps, into?: [Int32Array, Int32Array]): ObjectLayout {
  const o: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, ...options };
  const { width, height } = input;
  const grid: Grid = { width, height, depth: input.depth ?? 1 };
  const volume3d = grid.depth > 1;
  const voxel = (spacing[0] ?? 1) * (spacing[1] ?? 1) * (volume3d ? (spacing[2] ?? 1) : 1);
  const gt = instances.gt ? instanceComponents(instances.gt, maps.gt, grid) : labelComponents(maps.gt, grid, o.connectivity, into?.[0]);
  const pred = instances.pred ? instanceComponents(instances.pred, maps.pred, grid) : labelComponents(maps.pred, grid, o.connectivity, into?.[1]);
  const matches = matchObjects(gt, pred, overlaps(gt, maps.gt, pred, maps.pred), o.match);
  const gtMatch: (Match | undefined)[] = new Array(gt.count + 1);
  const predMatch: (Match | undefined)[] = new Array(pred.count + 1);
  for (const m of matches) gtMatch[m.gt] = predMatch[m.pred] = m;
  const gtSide = byClass(gt);
  const predSide = byClass(pred);

  const entry = (c: Components, id: number, m: Match | undefined, otherLocal: Int32Array): ObjectEntry => {
    const k = id - 1;
    const b = Array.from(c.box.subarray(k * 6, k * 6 + 6));
    const size = c.size[k];
    const other = m ? (c === gt ? pred.size[m.pred - 1] : gt.size[m.gt - 1]) : 0;
    return {
      id: (c === gt ? gtSide : predSide).local[id],
      size,
      volume: size * voxel,
      box: volume3d ? b : [b[0], b[1], b[3], b[4]],
      match: m ? otherLocal[c === gt ? m.pred : m.gt] : null,
      iou: m ? m.iou : 0,
      dice: m ? (2 * m.pixels) / (size + other) : 0,
    };
  };

  const classes = Math.max(input.mode === 'binary' ? 2 : input.classes, gtSide.lists.length, predSide.lists.length);
  const perClass: Record<string, ClassObjects> = {};
  for (let c = 1; c < classes; c++) {
    const gtIds = gtSide.lists[c] ?? [];
    const predIds = predSide.lists[c] ?? [];
    let tp = 0;
    let iouSum = 0;
    for (const id of gtIds) {
      const m = gtMatch[id];
      if (m) (tp++, (iouSum += m.iou));
    }
    const counts = { gt: gtIds.length, pred: predIds.length, tp, fp: predIds.length - tp, fn: gtIds.length - tp };
    perClass[String(c)] = {
      counts,
      iouSum,
      metrics: objectMetrics(counts, iouSum),
      gtObjects: gtIds.map((id) => entry(gt, id, gtMatch[id], predSide.local)),
      predObjects: predIds.map((id) => entry(pred, id, predMatch[id], gtSide.local)),
    };
  }
  const connectivity = effectiveConnectivity(o.connectivity, grid.depth);
  const layout = { gt, pred, gtIds: gtSide.lists, predIds: predSide.lists };
  if (input.mode === 'binary') return { objects: { ...perClass['1'], connectivity, match: o.match }, ...layout };
  const counts = zeroCounts();
  let iouSum = 0;
  for (const set of Object.values(perClass)) {
    addCounts(counts, set.counts);
    iouSum += set.iouSum;
  }
  return { objects: { counts, iouSum, metrics: meanObjectMetrics(Object.values(perClass)), connectivity, match: o.match, perClass }, ...layout };
}
