import { computePair, DEFAULT_OPTIONS, type EngineOptions } from '../engine';
import { countsOf, type ConfusionMatrix } from '../stats/confusion';
import { computeMultiLabel } from './multiLabel';
import { checkPairBudget } from '../io/budget';
import { decodeLimits, decodePair, type Inflaters, type PairReadSettings } from '../io/decodePair';
import { MaskError, SettingError, type MaskProblem } from '../types';
import { evaluateObjects, objectValueMaps } from '../objects/evaluate';
import type { ObjectSettings } from '../objects/report';
import type { PairReport } from './schema';
import { volumeEngineOptions } from '../io/volume/spacing';
import { fitScratch } from '../wasm/kernels';

/** Everything that decides a pair's numbers, shared by the CLI, the extension and its worker. */
export interface JobSettings extends PairReadSettings {
  engine: Partial<EngineOptions>;
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
  platform: Inflaters = {},
): PairReport {
  try {
    if (s.multiLabel) {
      const decode = decodeLimits(s, platform);
      if (s.memoryBudget !== undefined) checkPairBudget(job.gt, gtBytes, job.pred, predBytes, { ...decode, budget: s.memoryBudget });
      return { ...job, ...computeMultiLabel(job, gtBytes, predBytes, s, decode), error: null };
    }
    const { input, ids } = decodePair(job, gtBytes, predBytes, s, platform, s.objects?.instances);
    fitScratch(input.labels.length);
    const engine = volumeEngineOptions(input, s.engine, job.gt);
    const threshold = engine.threshold ?? DEFAULT_OPTIONS.threshold;
    // One pass over the pixels gives the hard classes the confusion counts, the objects read, and a
    // binary pair's masks the engine reads (rather than making its own in a second pass).
    const maps = objectValueMaps(input, threshold);
    const masks = maps.gt instanceof Uint8Array && maps.pred instanceof Uint8Array && input.mode === 'binary' ? { y: maps.gt, hard: maps.pred } : undefined;
    const r = computePair(input, engine, masks);
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
    const C = Math.sqrt(maps.confusion.length);
    const m: ConfusionMatrix = Array.from({ length: C }, (_, g) => Array.from(maps.confusion.subarray(g * C, (g + 1) * C)));
    if (r.mode === 'binary') report.counts = countsOf(m, 1);
    else {
      report.confusion = m;
      const perClass = r.perClass ?? {};
      report.perClass = Object.fromEntries(Object.entries(perClass).map(([k, set]) => [k, { ...set, counts: countsOf(m, Number(k)) }]));
    }
    // Linear in pixels, a fraction of the pixel suite's time (`npm run bench -- objects`), so computed for every pair.
    report.objects = evaluateObjects(input, threshold, engine.spacing ?? DEFAULT_OPTIONS.spacing, s.objects, ids, maps);
    return report;
  } catch (e) {
    return failedPair(job, toProblem(e, job));
  }
}
