/**
 * The layers drawn before any number: TP/FP/FN and the two boundaries depend only on the decoded
 * masks and the threshold, so they are built here from the pair itself (a few passes over the
 * pixels) while the engine still computes its distance fields and sums.
 */
import { boundary } from '../../src/core/distance/edt';
import { classViews } from '../../src/core/engine';
import type { ClassView } from '../../src/core/backend';
import type { PairInput } from '../../src/core/types';
import { confusionImage, contourImage } from '../render/layers';

/** The pixel indices of a boundary mask, ascending. */
function indices(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const out = new Uint32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

/** Confusion and boundary images of one class at one threshold, with the inputs they were built from. */
export class MaskLayers {
  private views?: { input: PairInput; threshold: number; list: ClassView[] };

  /** The class's binary problem (every class's views are made together, kept per pair and threshold). */
  private view(input: PairInput, threshold: number, view: number): ClassView {
    if (this.views?.input !== input || this.views.threshold !== threshold) this.views = { input, threshold, list: classViews(input, threshold) };
    return this.views.list[view];
  }

  confusion(input: PairInput, threshold: number, view: number): ImageData {
    const v = this.view(input, threshold, view);
    return confusionImage(v, v.width, v.height);
  }

  contours(input: PairInput, threshold: number, view: number): ImageData {
    const { y, hard, width, height } = this.view(input, threshold, view);
    const gt = indices(boundary(y, width, height));
    const pred = indices(boundary(hard, width, height));
    return contourImage({ gtToPred: { index: gt }, predToGt: { index: pred } }, width, height);
  }

  /** A new pair: nothing kept. */
  clear(): void {
    this.views = undefined;
  }
}
