/** Which of two selected files is the ground truth. Pure: paths in, roles out. */
import { discoverPairs } from '../core/pairing/index';

export interface Roles {
  gt: string;
  pred: string;
  /** False when the names did not tell and the order of selection decided. */
  sure: boolean;
}

const GT_WORDS = /(^|[^a-z])(gt|ground[_-]?truth|groundtruth|labels?|masks?|annotations?|targets?|truth|seg)([^a-z]|$)/i;
const PRED_WORDS = /(^|[^a-z])(pred|preds|predictions?|probs?|probabilit(y|ies)|outputs?|results?|inference|logits|scores?)([^a-z]|$)/i;

/** Strips the common folder of two POSIX paths, so discovery sees the layout that differs. */
function relativeToCommon(a: string, b: string): [string, string] {
  const as = a.split('/');
  const bs = b.split('/');
  let i = 0;
  while (i < as.length - 1 && i < bs.length - 1 && as[i] === bs[i]) i++;
  return [as.slice(i).join('/'), bs.slice(i).join('/')];
}

/**
 * The discovery rules first (gt/ beside pred/, `_gt`/`_pred` suffixes, user patterns); then words in
 * the paths (a `labels` folder, a `_prob` name); else the first selected file is the ground truth.
 */
export function inferRoles(first: string, second: string, patterns: { gt: string; pred: string }[] = []): Roles {
  const [a, b] = relativeToCommon(first, second);
  const found = discoverPairs([a, b], { patterns }).groups.flatMap((g) => g.pairs);
  const pair = found.find((p) => (p.gt === a && p.pred === b) || (p.gt === b && p.pred === a));
  if (pair) return pair.gt === a ? { gt: first, pred: second, sure: true } : { gt: second, pred: first, sure: true };
  const score = (p: string) => (GT_WORDS.test(p) ? 1 : 0) - (PRED_WORDS.test(p) ? 1 : 0);
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sa > sb ? { gt: first, pred: second, sure: true } : { gt: second, pred: first, sure: true };
  return { gt: first, pred: second, sure: false };
}
