/**
 * What a pixel is in an error overlay — true/false positive/negative — from its ground-truth class and
 * its hard prediction (0 = background). One definition for the hover thumbnails, the comparison
 * panel's confusion layer and the slice viewer, so they colour the same pixel the same way.
 */
export const Outcome = { TN: 0, TP: 1, FP: 2, FN: 3, IGNORED: 4 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * The outcome of a pixel that is not ignored. A wrong foreground class is a false positive (the pixel is
 * predicted as something it is not); counted per class it is also a false negative of its true class.
 * With 0/1 values (one class against the rest) this is the binary confusion.
 */
export function outcomeOf(truth: number, predicted: number): Outcome {
  if (truth === predicted) return truth === 0 ? Outcome.TN : Outcome.TP;
  return predicted !== 0 ? Outcome.FP : Outcome.FN;
}
