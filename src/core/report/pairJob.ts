import { computePair, type EngineOptions } from '../engine';
import { DEFAULT_MAX_PIXELS, loadGroundTruth, loadPrediction, makePairInput, type DecodeOptions, type PaletteEntry } from '../io/index';
import { MaskError, type MaskProblem } from '../types';
import type { PairReport } from './schema';

/** Everything that decides a pair's numbers, shared by the CLI, the extension and its worker. */
export interface JobSettings {
  engine: Partial<EngineOptions>;
  ignoreIndex?: number;
  palette?: readonly PaletteEntry[];
  maxPixels?: number;
}

export interface PairJob {
  root: string;
  gt: string;
  pred: string;
  dataset: string;
  model: string;
}

/** Turns anything thrown while reading or computing a pair into a one-line problem, never a stack. */
export function toProblem(e: unknown): MaskProblem {
  if (e instanceof MaskError) return { code: e.code, message: e.message };
  if (e instanceof RangeError) return { code: 'invalid-setting', message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
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
  platform: Pick<DecodeOptions, 'inflate'> = {},
): PairReport {
  try {
    const decode = { maxPixels: s.maxPixels ?? DEFAULT_MAX_PIXELS, ...platform };
    const gt = loadGroundTruth(gtBytes, job.gt, { ...decode, ignoreIndex: s.ignoreIndex, palette: s.palette });
    const pred = loadPrediction(predBytes, job.pred, { ...decode, palette: s.palette, width: gt.width, height: gt.height });
    const input = makePairInput(gt, pred);
    const r = computePair(input, s.engine);
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
    if (r.perClass) report.perClass = r.perClass;
    return report;
  } catch (e) {
    return failedPair(job, toProblem(e));
  }
}
