import { EdtWorkspace, reusableWorkspace, type Grid } from './distance/edt';
import { resolveParams, type ParamValue, type ParamValues } from './params';
import { getLoss, getMetric, LOSSES, METRICS } from './registry';
import type { LossModule } from './losses/types';
import type { MetricModule } from './metrics/types';
import { CpuClassStats, type ClassView } from './stats/cpuClassStats';
import type { ClassStats, SumParams } from './stats/types';
import { sumParamsFrom } from './stats/terms/params';
import type { PairInput, PresetId, Tagged } from './types';
import { meanTagged, ok } from './values';
import { argmaxAt } from './argmax';
import { defaultSpacing, HD_PERCENTILE, NSD_TOLERANCE, PRESET, THRESHOLD } from './options';

export interface EngineOptions {
  preset: PresetId;
  /** Hard prediction is p > threshold (binary pairs). */
  threshold: number;
  /** Pixel size along x (columns) and y (rows), and along z (slices) for a volume. */
  spacing: [number, number] | [number, number, number];
  nsdTolerance: number;
  /** Tolerance per class (index = class; a binary pair's foreground is 1): overrides `nsdTolerance`. */
  nsdTolerances?: readonly number[];
  /** Percentile of the `hd95` metric (95 when absent). */
  hdPercentile?: number;
  /**
   * MONAI's include_background. Absent: losses over all classes, multi-class metrics over the foreground.
   * true: multi-class metrics over all classes too. false: every loss over classes without channel 0
   * (dice-ce: its Dice part only, as MONAI's DiceCELoss; a binary pair's two-class losses on the
   * foreground channel alone); see docs/LOSSES.md.
   */
  includeBackground?: boolean;
  /** Explicit parameters per loss id; they win over the preset. */
  params: Record<string, Record<string, ParamValue>>;
  /** Loss and metric ids to compute; all when absent. */
  losses?: readonly string[];
  metrics?: readonly string[];
}

/** From the one declaration of the user's options (src/core/options.ts). */
export const DEFAULT_OPTIONS: EngineOptions = {
  preset: PRESET.default,
  threshold: THRESHOLD.default,
  spacing: defaultSpacing(),
  nsdTolerance: NSD_TOLERANCE.default,
  params: {},
};

export interface ValueSet {
  losses: Record<string, Tagged>;
  metrics: Record<string, Tagged>;
}

export interface PairResult extends ValueSet {
  mode: 'binary' | 'multiclass';
  classes: number;
  /** Per class (background included) for a multi-class pair. */
  perClass?: Record<string, ValueSet>;
}

/** Options completed with defaults, every loss's parameters resolved against the preset. */
export interface ResolvedOptions extends EngineOptions {
  lossModules: readonly LossModule[];
  metricModules: readonly MetricModule[];
  resolved: Record<string, ParamValues>;
  sumParams: SumParams;
}

export function resolveOptions(options: Partial<EngineOptions> = {}): ResolvedOptions {
  const o: EngineOptions = { ...DEFAULT_OPTIONS, ...options };
  const resolved: Record<string, ParamValues> = {};
  for (const l of LOSSES) resolved[l.id] = resolveParams(l, o.preset, o.params[l.id]);
  // Parameters of a loss that does not exist are a mistake to report, not to ignore.
  for (const id of Object.keys(o.params)) getLoss(id);
  return {
    ...o,
    lossModules: o.losses ? o.losses.map(getLoss) : LOSSES,
    metricModules: o.metrics ? o.metrics.map(getMetric) : METRICS,
    resolved,
    sumParams: sumParamsFrom(resolved),
  };
}

/** The losses and metrics of one binary problem: class `classIndex` of its pair (1 = a binary pair's foreground). */
export function evaluateClass(stats: ClassStats, o: ResolvedOptions, classIndex = 1): ValueSet {
  // The field sums first where a loss reads them: a backend then takes the pixel sums in the same pass.
  if (o.lossModules.some((l) => l.readsFields)) void stats.fields;
  const losses: Record<string, Tagged> = {};
  for (const l of o.lossModules) losses[l.id] = ok(l.binary(stats, { params: o.resolved[l.id], preset: o.preset, includeBackground: o.includeBackground }));
  return { losses, metrics: evaluateMetrics(stats, o, classIndex) };
}

function evaluateMetrics(stats: ClassStats, o: ResolvedOptions, classIndex: number): Record<string, Tagged> {
  const metrics: Record<string, Tagged> = {};
  const e = { preset: o.preset, nsdTolerance: nsdToleranceOf(o, classIndex), hdPercentile: o.hdPercentile ?? HD_PERCENTILE.default };
  for (const m of o.metricModules) metrics[m.id] = m.compute(stats, e);
  return metrics;
}

/** The NSD tolerance of a class: its entry of `nsdTolerances` when given (a missing entry is a mistake), else `nsdTolerance`. */
function nsdToleranceOf(o: EngineOptions, classIndex: number): number {
  if (!o.nsdTolerances) return o.nsdTolerance;
  const t = o.nsdTolerances[classIndex];
  if (t === undefined) throw new RangeError(`NSD tolerances are given for ${o.nsdTolerances.length} classes (0–${o.nsdTolerances.length - 1}) but the pair has class ${classIndex}`);
  return t;
}

/**
 * A multi-class pair from the statistics of each class: losses over all classes (their own
 * multi-class definition, else the class mean), metrics as the mean over foreground classes.
 */
export function evaluateClasses(classes: readonly ClassStats[], o: ResolvedOptions, afterClass?: (c: ClassStats) => void): PairResult {
  const perClass: Record<string, ValueSet> = {};
  classes.forEach((c, k) => {
    perClass[String(k)] = evaluateClass(c, o, k);
    afterClass?.(c);
  });
  const losses: Record<string, Tagged> = {};
  for (const l of o.lossModules) {
    const e = { params: o.resolved[l.id], preset: o.preset, includeBackground: o.includeBackground };
    losses[l.id] = l.multiclass
      ? ok(l.multiclass(classes, e))
      : meanTagged(classes.map((_, k) => perClass[String(k)].losses[l.id]).slice(o.includeBackground === false ? 1 : 0));
  }
  const metrics: Record<string, Tagged> = {};
  for (const m of o.metricModules)
    metrics[m.id] = meanTagged(classes.map((_, k) => perClass[String(k)].metrics[m.id]).slice(o.includeBackground === true ? 0 : 1));
  return { mode: 'multiclass', classes: classes.length, losses, metrics, perClass };
}

/**
 * A binary pair's two masks made by the caller, as `objectValueMaps` makes them: y = label ≠ 0,
 * hard = p > threshold, both 0 at ignored pixels. The engine reads them and leaves them to the caller.
 */
export interface BinaryMasks {
  y: Uint8Array;
  hard: Uint8Array;
}

/** Splits a pair into its binary problems, sharing one EDT workspace; a binary pair's masks from `given` when made already. */
export function classViews(input: PairInput, threshold: number, mask?: () => Uint8Array, given?: BinaryMasks): ClassView[] {
  const { width, height, depth = 1, labels, prob, ignoreIndex, probCodes: codes } = input;
  const n = width * height * depth;
  // A mask of zeros: fresh, or from the caller (a workspace's kept buffers).
  const zeros = mask ?? (() => new Uint8Array(n));
  let valid: Uint8Array | null = null;
  if (ignoreIndex !== undefined) {
    for (let i = 0; i < n; i++) {
      if (labels[i] !== ignoreIndex) continue;
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
    }
  }
  if (input.mode === 'binary') {
    if (given) return [{ width, height, depth, p: prob.subarray(0, n), codes, y: given.y, hard: given.hard, valid }];
    const y = zeros();
    const hard = zeros();
    // Without ignored pixels, a loop without the test (the common case, and a volume's millions of voxels).
    if (!valid) {
      for (let i = 0; i < n; i++) {
        y[i] = labels[i] ? 1 : 0;
        hard[i] = prob[i] > threshold ? 1 : 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (!valid[i]) continue;
        y[i] = labels[i] ? 1 : 0;
        hard[i] = prob[i] > threshold ? 1 : 0;
      }
    }
    return [{ width, height, depth, p: prob.subarray(0, n), codes, y, hard, valid }];
  }
  // Multi-class: y_c = [label == c], hard_c = [argmax p == c] (first maximum on ties).
  const C = input.classes;
  const argmax = new Uint16Array(n);
  for (let i = 0; i < n; i++) argmax[i] = argmaxAt(prob, C, n, i);
  // Cost follows the classes present: a class in neither the labels nor the prediction (p_c = 0
  // everywhere, so never the argmax) is the same empty problem as every other such class, and they
  // all share one view, so its statistics are computed once (a stray label 200 makes 201 classes).
  const present = presentClasses(input, C, n, valid);
  let empty: ClassView | undefined;
  const views: ClassView[] = [];
  for (let c = 0; c < C; c++) {
    if (c > 0 && !present[c]) {
      views.push((empty ??= { width, height, depth, p: prob.subarray(c * n, (c + 1) * n), y: zeros(), hard: zeros(), valid }));
      continue;
    }
    const y = zeros();
    const hard = zeros();
    const p = prob.subarray(c * n, (c + 1) * n);
    // A loss is the binary loss of (p_c, y_c): its prediction field is that of p_c > threshold, which
    // differs from the argmax near class borders. Kept only where it does.
    let fieldHard: Uint8Array | undefined = zeros();
    let differs = false;
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) continue;
      y[i] = labels[i] === c ? 1 : 0;
      hard[i] = argmax[i] === c ? 1 : 0;
      fieldHard[i] = p[i] > threshold ? 1 : 0;
      if (fieldHard[i] !== hard[i]) differs = true;
    }
    if (!differs) fieldHard = undefined;
    views.push({ width, height, depth, p, y, hard, valid, ...(fieldHard ? { fieldHard } : {}) });
  }
  return views;
}

/** 1 for each class some valid label has or some prediction value gives a non-zero probability. */
function presentClasses(input: PairInput, C: number, n: number, valid: Uint8Array | null): Uint8Array {
  const present = new Uint8Array(C);
  for (let i = 0; i < n; i++) if (!valid || valid[i]) present[input.labels[i]!] = 1;
  for (let c = 1; c < C; c++) {
    if (present[c]) continue;
    const off = c * n;
    for (let i = 0; i < n; i++) {
      if (input.prob[off + i] !== 0) {
        present[c] = 1;
        break;
      }
    }
  }
  return present;
}

const gridOf = (input: PairInput, o: ResolvedOptions): Grid => ({ width: input.width, height: input.height, sx: o.spacing[0], sy: o.spacing[1], depth: input.depth ?? 1, sz: o.spacing[2] ?? 1 });

/**
 * CPU statistics for every binary problem of a pair; views shared by absent classes share their
 * statistics. A fresh workspace unless one is given (a reusable one only where nothing outlives the call).
 */
export function cpuStats(input: PairInput, o: ResolvedOptions, ws = new EdtWorkspace(gridOf(input, o)), mask?: () => Uint8Array, given?: BinaryMasks): CpuClassStats[] {
  const made = new Map<ClassView, CpuClassStats>();
  return classViews(input, o.threshold, mask, given).map((v) => made.get(v) ?? made.set(v, new CpuClassStats(v, o.sumParams, ws)).get(v)!);
}

/** Every selected loss and metric of one pair on the CPU; a binary pair's masks from `given` when the caller has them. */
export function computePair(input: PairInput, options: Partial<EngineOptions> = {}, given?: BinaryMasks): PairResult {
  const o = resolveOptions(options);
  // Only numbers leave this function: the statistics' buffers, and a binary pair's two masks, go back
  // to a workspace kept for the next pair (fresh memory costs a page fault per 4 KiB). A multi-class
  // pair's masks, two or three a class, are left to the collector: kept, they would outlast the pair.
  const ws = reusableWorkspace(gridOf(input, o));
  const binary = input.mode === 'binary';
  const ownMasks = binary && !given;
  const stats = cpuStats(input, o, ws, ownMasks ? () => ws.takeU8() : undefined, given);
  try {
    if (binary) return { mode: 'binary', classes: 2, ...evaluateClass(stats[0], o) };
    // Multi-class losses read only the sums: a class's distance fields can go once it is evaluated,
    // so memory does not grow with the number of classes.
    return evaluateClasses(stats, o, (c) => (c as CpuClassStats).releaseDistances());
  } finally {
    for (const s of stats) s.releaseDistances();
    if (ownMasks) ws.give(stats[0].view.y, stats[0].view.hard);
  }
}
