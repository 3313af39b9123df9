import type { LabelArray, PairInput } from '../types';
import { maskError } from './errors';
import type { GroundTruth } from './groundTruth';
import { labelArrayFor } from './labels';
import type { Prediction } from './prediction';
import type { WorldFrame } from './volume/affine';

/** The engine's input plus every warning met on the way, each naming its file. */
export interface LoadedPair extends PairInput {
  warnings: string[];
  /** A volume's voxel size from the ground truth's header. */
  spacing?: [number, number, number];
  /** A volume's voxel-to-world transform from the ground truth's header (display only: distances use `spacing`). */
  world?: WorldFrame;
}

/** Channel c of a [C,H,W] array as its own array. */
function channel(prob: Float32Array, c: number, n: number): Float32Array {
  return prob.slice(c * n, (c + 1) * n);
}

/** Pads a [C,H,W] array with all-zero channels up to `classes`. */
function padChannels(prob: Float32Array, classes: number, n: number): Float32Array {
  const out = new Float32Array(classes * n);
  out.set(prob);
  return out;
}

/** A binary ground truth that was collapsed from 0/v back to 0/v, for reading it as class indices. */
function restoreClassIndices(gt: GroundTruth, ignoreIndex: number | undefined): LabelArray {
  const fg = gt.foregroundValue;
  const out = labelArrayFor(Math.max(fg, ignoreIndex ?? 0), gt.labels.length);
  for (let i = 0; i < out.length; i++) {
    const v = gt.labels[i]!;
    out[i] = v === 1 && v !== ignoreIndex ? fg : v;
  }
  return out;
}

/**
 * Checks that the two masks fit and decides the mode. Binary: a binary ground truth with a one-channel
 * prediction, or with a two-channel one (channel 1 is the foreground). Multi-class otherwise, with
 * `classes` = the prediction's channels (one-hot class maps are padded when the ground truth has more).
 */
export function makePairInput(gt: GroundTruth, pred: Prediction): LoadedPair {
  const size = (m: GroundTruth | Prediction) => [m.width, m.height, ...(m.depth === undefined ? [] : [m.depth])].join('x');
  if (gt.width !== pred.width || gt.height !== pred.height || (gt.depth ?? 1) !== (pred.depth ?? 1)) {
    throw maskError('size-mismatch', pred.name, `prediction is ${size(pred)} but ground truth ${gt.name} is ${size(gt)}`);
  }
  const { width, height } = gt;
  const n = width * height * (gt.depth ?? 1);
  const ignoreIndex = gt.ignoreIndex;
  const warnings = [...gt.warnings, ...pred.warnings];
  const volume = gt.depth === undefined ? {} : { depth: gt.depth, ...(gt.spacing ? { spacing: gt.spacing } : {}), ...(gt.world ? { world: gt.world } : {}) };
  const base = ignoreIndex === undefined ? { width, height, warnings, ...volume } : { width, height, warnings, ignoreIndex, ...volume };
  if (gt.spacing && pred.spacing && gt.spacing.some((s, k) => Math.abs(s - pred.spacing![k]!) > 1e-4 * s)) {
    warnings.push(`${pred.name}: voxel size ${pred.spacing.join(' x ')} differs from ground truth ${gt.name}'s ${gt.spacing.join(' x ')}; the ground truth's is used`);
  }

  if (gt.kind === 'binary' && pred.channels <= 2) {
    if (pred.channels === 1) {
      const input: LoadedPair = { ...base, mode: 'binary', classes: 2, labels: gt.labels, prob: pred.prob };
      if (pred.codes) input.probCodes = pred.codes;
      return input;
    }
    return { ...base, mode: 'binary', classes: 2, labels: gt.labels, prob: channel(pred.prob, 1, n) };
  }
  if (pred.channels === 1) {
    throw maskError('class-mismatch', pred.name, `prediction has one channel (foreground probability) but ground truth ${gt.name} has ${gt.classes} classes; give class probabilities as (C, H, W) .npy or class indices as a palette PNG`);
  }

  let labels = gt.labels;
  if (gt.kind === 'binary' && gt.foregroundValue !== 1) {
    // e.g. a crop of a class map holding only classes 0 and 3: the stored value is the class.
    if (gt.foregroundValue >= pred.channels) {
      throw maskError('class-mismatch', pred.name, `prediction has ${pred.channels} channels but ground truth ${gt.name} is a binary 0/${gt.foregroundValue} mask`);
    }
    labels = restoreClassIndices(gt, ignoreIndex);
  }
  const gtClasses = gt.kind === 'binary' ? Math.max(2, gt.foregroundValue + 1) : gt.classes;
  let prob = pred.prob;
  let classes = pred.channels;
  if (gtClasses > pred.channels) {
    if (!pred.fromClassMap) {
      throw maskError('class-mismatch', pred.name, `prediction has ${pred.channels} channels but ground truth ${gt.name} has class ${gtClasses - 1}`);
    }
    classes = gtClasses;
    prob = padChannels(pred.prob, classes, n);
  }
  return { ...base, mode: 'multiclass', classes, labels, prob };
}
