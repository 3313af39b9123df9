/**
 * The raster layers, one RGBA image at the pair's resolution each (drawn scaled with nearest-neighbour
 * sampling): confusion (TP/FP/FN), boundaries, signed distance, loss heat map and the probability.
 */
import { Outcome, outcomeOf } from '../../src/core/outcome';
import type { ClassOverlay } from '../engine/types';
import { BOTH_CONTOURS, GT_CONTOUR, OUTCOME_COLOURS, PRED_CONTOUR, scaleFor, tableIndex, type HeatScale, type Rgb } from './colours';

function put(data: Uint8ClampedArray, i: number, c: Rgb): void {
  data[4 * i] = c[0];
  data[4 * i + 1] = c[1];
  data[4 * i + 2] = c[2];
  data[4 * i + 3] = 255;
}

/** True positives, false positives, false negatives of the class (against the rest); ignored pixels grey. */
export function confusionImage(o: Pick<ClassOverlay, 'y' | 'hard' | 'valid'>, width: number, height: number): ImageData {
  const img = new ImageData(width, height);
  const d = img.data;
  for (let i = 0; i < o.y.length; i++) {
    const c = OUTCOME_COLOURS[o.valid && !o.valid[i] ? Outcome.IGNORED : outcomeOf(o.y[i], o.hard[i])];
    if (c) put(d, i, c);
  }
  return img;
}

/** The ground truth's and the prediction's boundaries (the pixels HD and friends are measured on). */
export function contourImage(o: { gtToPred: { index: Uint32Array }; predToGt: { index: Uint32Array } }, width: number, height: number): ImageData {
  const img = new ImageData(width, height);
  const d = img.data;
  for (const i of o.gtToPred.index) put(d, i, GT_CONTOUR);
  for (const i of o.predToGt.index) put(d, i, d[4 * i + 3] ? BOTH_CONTOURS : PRED_CONTOUR);
  return img;
}

/** Signed distance to the ground truth: negative inside (to the nearest background pixel), positive outside. */
export function signedDistance(o: ClassOverlay, i: number): number {
  const d = Math.sqrt(o.dy2[i]);
  return o.y[i] ? -d : d;
}

/** A heat map of values (signed distance or loss contributions) with its scale; masked pixels transparent. */
export function heatImage(values: ArrayLike<number>, mask: Uint8Array | null, width: number, height: number): { image: ImageData; scale: HeatScale } {
  const scale = scaleFor(values, mask);
  const img = new ImageData(width, height);
  const d = img.data;
  const t = scale.table;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const k = tableIndex(scale, values[i]) * 3;
    d[4 * i] = t[k];
    d[4 * i + 1] = t[k + 1];
    d[4 * i + 2] = t[k + 2];
    d[4 * i + 3] = 255;
  }
  return { image: img, scale };
}

export function sdfValues(o: ClassOverlay): Float32Array {
  const out = new Float32Array(o.y.length);
  for (let i = 0; i < out.length; i++) out[i] = signedDistance(o, i);
  return out;
}

/** The predicted probability of the class as grey. */
export function probabilityImage(p: ArrayLike<number>, width: number, height: number): ImageData {
  const img = new ImageData(width, height);
  const d = img.data;
  for (let i = 0; i < p.length; i++) {
    const g = Math.round(Math.min(1, Math.max(0, p[i])) * 255);
    d[4 * i] = g;
    d[4 * i + 1] = g;
    d[4 * i + 2] = g;
    d[4 * i + 3] = 255;
  }
  return img;
}
