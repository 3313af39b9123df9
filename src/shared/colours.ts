/** Overlay colours (fixed, so they read the same in every theme) and the heat maps' colour scales. */

export type Rgb = readonly [number, number, number];

export const TP: Rgb = [46, 160, 67];
export const FP: Rgb = [230, 57, 70];
export const FN: Rgb = [52, 120, 246];
export const IGNORED: Rgb = [128, 128, 128];
export const GT_CONTOUR: Rgb = [255, 214, 0];
export const PRED_CONTOUR: Rgb = [255, 0, 255];
/** A pixel on both boundaries. */
export const BOTH_CONTOURS: Rgb = [255, 255, 255];
export const WITNESS: Rgb = [0, 229, 255];
/** Colour of each core `Outcome` (TN, TP, FP, FN, ignored) in an overlay; true negatives are not drawn. */
export const OUTCOME_COLOURS: readonly (Rgb | null)[] = [null, TP, FP, FN, IGNORED];

export const css = (c: Rgb): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** A 256-entry lookup table interpolating colour stops (position in [0, 1], colour). */
function lut(stops: ReadonlyArray<readonly [number, Rgb]>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 0;
    while (k < stops.length - 2 && t > stops[k + 1][0]) k++;
    const [t0, c0] = stops[k];
    const [t1, c1] = stops[k + 1];
    const u = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
    for (let j = 0; j < 3; j++) out[i * 3 + j] = Math.round(c0[j] + u * (c1[j] - c0[j]));
  }
  return out;
}

/** Viridis, for maps that are never negative. */
export const SEQUENTIAL = lut([
  [0, [68, 1, 84]], [0.13, [71, 44, 122]], [0.25, [59, 81, 139]], [0.38, [44, 113, 142]], [0.5, [33, 144, 141]],
  [0.63, [39, 173, 129]], [0.75, [92, 200, 99]], [0.88, [170, 220, 50]], [1, [253, 231, 37]],
]);

/** Blue (negative) to red (positive) through a light grey at 0. */
export const DIVERGING = lut([[0, [33, 102, 172]], [0.25, [103, 169, 207]], [0.5, [247, 247, 247]], [0.75, [239, 138, 98]], [1, [178, 24, 43]]]);

/** How a heat map's values map to a colour table: linear over [min, max] (symmetric about 0 if diverging). */
export interface HeatScale {
  table: Uint8ClampedArray;
  min: number;
  max: number;
}

export function scaleFor(values: ArrayLike<number>, mask: Uint8Array | null): HeatScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) return { table: SEQUENTIAL, min: 0, max: 1 };
  if (min < 0) {
    const m = Math.max(-min, max) || 1;
    return { table: DIVERGING, min: -m, max: m };
  }
  return { table: SEQUENTIAL, min: 0, max: max || 1 };
}

/** Colour-table index of a value. */
export const tableIndex = (s: HeatScale, v: number): number =>
  Math.max(0, Math.min(255, Math.round(((v - s.min) / (s.max - s.min)) * 255)));

/** The object layer: a matched pair (both outlines and the link between them), a missed ground-truth object, an extra prediction. */
export const OBJECT_MATCHED: Rgb = [174, 234, 0];
export const OBJECT_MISSED: Rgb = [255, 145, 0];
export const OBJECT_EXTRA: Rgb = [255, 64, 129];
