import { computePair, DEFAULT_OPTIONS, type EngineOptions } from '../engine';
import type { Activation } from '../io/activation';
import { maskError, type DecodeOptions } from '../io/errors';
import { loadMask, loadPrediction } from '../io/load';
import { confusionMatrix, countsOf } from '../stats/confusion';
import type { PairInput } from '../types';
import { meanTagged } from '../values';
import type { ClassValues, PairReport } from './schema';

export interface MultiLabelSettings {
  engine: Partial<EngineOptions>;
  activation?: Activation;
}

/**
 * A one-hot / multi-label ground truth `[C,H,W]` of 0/1 channels that may overlap (BraTS regions: whole
 * tumour, tumour core, enhancing tumour) against a `[C,H,W]` prediction: channel c of each is its own
 * binary problem (the prediction's channels are independent probabilities, so `auto` means sigmoid).
 * The pair's values are the mean over channels, all of them counted (there is no background channel).
 */
export function computeMultiLabel(
  job: Pick<PairReport, 'gt' | 'pred'>,
  gtBytes: Uint8Array,
  predBytes: Uint8Array,
  s: MultiLabelSettings,
  decode: DecodeOptions,
): Pick<PairReport, 'width' | 'height' | 'mode' | 'classes' | 'losses' | 'metrics' | 'perClass' | 'warnings'> {
  const m = loadMask(gtBytes, job.gt, decode);
  if (m.format !== 'npy' || m.array.shape.length !== 3) {
    throw maskError('unsupported-shape', job.gt, `a multi-label ground truth is a (C, H, W) .npy of 0/1 channels${m.format === 'npy' ? `, got shape (${m.array.shape.join(', ')})` : ''}`);
  }
  const [C, height, width] = m.array.shape as [number, number, number];
  const n = width * height;
  const data = m.array.data;
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0 && data[i] !== 1) {
      const p = i % n;
      throw maskError('not-a-mask', job.gt, `multi-label ground truth value ${data[i]} in channel ${Math.floor(i / n)} at (x=${p % width}, y=${Math.floor(p / width)}); channels must hold 0 and 1`);
    }
  }
  const pred = loadPrediction(predBytes, job.pred, { ...decode, width, height, activation: s.activation, multiLabel: true });
  if (pred.channels !== C || pred.width !== width || pred.height !== height) {
    throw maskError('class-mismatch', job.pred, `prediction is ${pred.channels}×${pred.height}×${pred.width} but the multi-label ground truth ${job.gt} is ${C}×${height}×${width} (C, H, W)`);
  }
  const threshold = s.engine.threshold ?? DEFAULT_OPTIONS.threshold;
  const perClass: Record<string, ClassValues> = {};
  for (let c = 0; c < C; c++) {
    const labels = Uint8Array.from(data.subarray(c * n, (c + 1) * n));
    const input: PairInput = { width, height, mode: 'binary', classes: 2, labels, prob: pred.prob.subarray(c * n, (c + 1) * n) };
    const r = computePair(input, s.engine);
    perClass[String(c)] = { losses: r.losses, metrics: r.metrics, counts: countsOf(confusionMatrix(input, threshold), 1) };
  }
  const mean = (kind: 'losses' | 'metrics') => {
    const out: Record<string, ReturnType<typeof meanTagged>> = {};
    for (const id of Object.keys(perClass['0']?.[kind] ?? {})) out[id] = meanTagged(Object.values(perClass).map((v) => v[kind][id]));
    return out;
  };
  return { width, height, mode: 'multilabel', classes: C, losses: mean('losses'), metrics: mean('metrics'), perClass, warnings: [...m.warnings, ...pred.warnings] };
}
