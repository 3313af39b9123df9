// A user rule pairing ground truths with predictions by path. (Line comments: a block comment could
// not show the glob `**/`.) Both sides are matched against the whole POSIX path relative to the root,
// case-sensitively:
// - `{stem}`  one or more characters except `/`; must appear once on each side; pairs share it.
// - `{model}` (pred side only, optional) one or more characters except `/`; names the model.
// - `**/`     any number of folders, including none (`**` only as a whole segment). It is part of the
//             key: the n-th `**` of `gt` must match the same folders as the n-th `**` of `pred`, so both
//             sides need the same number of them.
// - `*`       any characters except `/`, free on each side (it does not have to agree between them).
// - `?`       one character except `/`, free on each side.
// Everything else is literal. Example: { gt: '**/{stem}.label.png', pred: '**/{stem}.logits.npy' } pairs
// `a/x.label.png` with `a/x.logits.npy` but not with `b/x.logits.npy`;
// { gt: 'labels/{stem}.png', pred: 'runs/{model}/{stem}.npy' } compares every run folder with labels/.
export interface PairingPattern {
  gt: string;
  pred: string;
}

export interface MaskPair {
  gt: string;
  pred: string;
  /** What the two share: the path below the ground-truth folder without extension or role suffix ('sub/a'). */
  stem: string;
}

export interface PairGroup {
  /** The folder holding the gt and prediction folders (or both files); '' for the root. */
  dataset: string;
  /** Which prediction set; '' when the dataset has only one. */
  model: string;
  pairs: MaskPair[];
}

export interface Unpaired {
  path: string;
  reason: string;
}

export interface PairingResult {
  groups: PairGroup[];
  /** Files that look like a ground truth or prediction but have no partner, with why. */
  unpaired: Unpaired[];
  /** Mask files that play no role in any layout (e.g. input images next to gt/ and pred/). */
  ignored: string[];
}

export interface PairingOptions {
  /** Tried first; files they match are not considered by the built-in layouts. */
  patterns?: PairingPattern[];
  /** Use the built-in layouts (sibling folders, suffixes) for the remaining files; default true. */
  builtin?: boolean;
}
