import { computePair, DEFAULT_OPTIONS, type EngineOptions } from '../engine';
import { confusionMatrix, countsOf } from '../stats/confusion';
import { computeMultiLabel } from './multiLabel';
import type { Activation } from '../io/activation';
import type { LabelMap } from '../classes/labelMap';
import { checkPairBudget, DEFAULT_MAX_CLASSES } from '../io/budget';
import { DEFAULT_MAX_PIXELS, loadGroundTruth, loadPrediction, makePairInput, type DecodeOptions, type PaletteEntry } from '../io/index';
import { MaskError, SettingError, type MaskProblem } from '../types';
import { evaluateObjects } from '../objects/evaluate';
import { loadInstancePair } from '../objects/instances';
import type { ObjectSettings } from '../objects/report';
import type { PairReport } from './schema';
import { volumeEngineOptions } from '../io/volume/spacing';
import type { AxisOrder } from '../io/volume/loadVolume';

/** Everything that decides a pair's numbers, shared by the CLI, the extension and its worker. */
export interface JobSettings {
  engine: Partial<EngineOptions>;
  /** Order of an .npy/.npz volume prediction's axes when its shape fits both (X = Z). */
  axisOrder?: AxisOrder;
  ignoreIndex?: number;
  palette?: readonly PaletteEntry[];
  maxPixels?: number;
  /** Classes (largest label + 1) a mask may have; DEFAULT_MAX_CLASSES when absent. */
  maxClasses?: number;
  /** Bytes one pair may take, estimated from the headers before decoding; unbounded when absent. */
  memoryBudget?: number;
  /** Float predictions: sigmoid/softmax first; `none` (the default) refuses values outside [0, 1]. */
  activation?: Activation;
  /** Ground-truth raw ids → train ids; ids not trained on become the ignore index (255 when none is set). */
  labelMap?: LabelMap;
  /** The ground truth is (C, H, W) of overlapping 0/1 channels, each a binary problem with its prediction channel. */
  multiLabel?: boolean;
  /** Connectivity, matching rule and instance-map encoding of object-level evaluation; defaults when absent. */
  objects?: Partial<ObjectSettings>;
}

export interface PairJob {
  root: string;
  gt: string;
  pred: string;
  dataset: string;
  model: string;
}

/** What the JavaScript engine throws when an allocation cannot be made. */
const OUT_OF_MEMORY = /allocation failed|invalid (typed )?array length|array buffer|out of memory/i;

/**
 * Turns anything thrown while reading or computing a pair into a one-line problem, never a stack.
 * A MaskError already names its file and a SettingError is the run's setting; anything else names the
 * pair's files, since the user has only them to go on.
 */
export function toProblem(e: unknown, job?: Pick<PairJob, 'gt' | 'pred'>): MaskProblem {
  if (e instanceof MaskError) return { code: e.code, message: e.message };
  if (e instanceof SettingError) return { code: 'invalid-setting', message: e.message };
  const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const where = job ? `${job.gt} with ${job.pred}: ` : '';
  if (e instanceof RangeError && OUT_OF_MEMORY.test(why)) return { code: 'out-of-memory', message: `${where}out of memory (${why})` };
  return { code: 'internal', message: `${where}${why}` };
}

export function failedPair(job: PairJob, error: MaskProblem): PairReport {
  return { ...job, width: null, height: null, mode: null, classes: null, losses: {}, metrics: {}, warnings: [], error };
}

/** Decodes both files and computes every selected loss and metric; a bad file becomes `error`. */
export function computePairJob(
  job: PairJob,
  gtBytes: Uint8Array,
  predBytes: Uint8Array,
  s: JobSettings,
  platform: Pick<DecodeOptions, 'inflate' | 'inflateRaw'> = {},
): PairReport {
  try {
    const decode = { maxPixels: s.maxPixels ?? DEFAULT_MAX_PIXELS, maxClasses: s.maxClasses ?? DEFAULT_MAX_CLASSES, ...platform };
    if (s.memoryBudget !== undefined) checkPairBudget(job.gt, gtBytes, job.pred, predBytes, { ...decode, budget: s.memoryBudget });
    if (s.multiLabel) return { ...job, ...computeMultiLabel(job, gtBytes, predBytes, s, decode), error: null };
    const encoding = s.objects?.instances;
    const inst = encoding && loadInstancePair(gtBytes, job.gt, predBytes, job.pred, encoding, { ...decode, ignoreIndex: s.ignoreIndex, labelMap: s.labelMap });
    const gt = inst ? inst.gt : loadGroundTruth(gtBytes, job.gt, { ...decode, ignoreIndex: s.ignoreIndex, palette: s.palette, labelMap: s.labelMap });
    const pred = inst ? inst.pred : loadPrediction(predBytes, job.pred, { ...decode, palette: s.palette, width: gt.width, height: gt.height, activation: s.activation, depth: gt.depth, axisOrder: s.axisOrder, gtName: job.gt });
    const input = makePairInput(gt, pred);
    const engine = volumeEngineOptions(input, s.engine, job.gt);
    const r = computePair(input, engine);
    const report: PairReport = {
      ...job,
      width: input.width,
      height: input.height,
      mode: r.mode,
      classes: r.classes,
      losses: r.losses,
      metrics: r.metrics,
      warnings: input.warnings,
      error: null,
    };
    if (input.depth !== undefined) {
      report.depth = input.depth;
      report.spacing = engine.spacing as [number, number, number];
    }
    if (r.perClass) report.perClass = r.perClass;
    const m = confusionMatrix(input, s.engine.threshold ?? DEFAULT_OPTIONS.threshold);
    if (r.mode === 'binary') report.counts = countsOf(m, 1);
    else {
      report.confusion = m;
      const perClass = r.perClass ?? {};
      report.perClass = Object.fromEntries(Object.entries(perClass).map(([k, set]) => [k, { ...set, counts: countsOf(m, Number(k)) }]));
    }
    // Linear in pixels, a fraction of the pixel suite's time (`npm run bench -- objects`), so computed for every pair.
    report.objects = evaluateObjects(input, s.engine.threshold ?? DEFAULT_OPTIONS.threshold, engine.spacing ?? DEFAULT_OPTIONS.spacing, s.objects, inst ? inst.ids : undefined);
    return report;
  } catch (e) {
    return failedPair(job, toProblem(e, job));
  }
}
