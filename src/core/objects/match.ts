import type { Components } from './components';

/**
 * When a ground-truth and a predicted object of one class match. `iou`: IoU > 0.5 (the panoptic rule).
 * `overlap`: any shared pixel, made one-to-one by taking the largest overlaps first.
 */
export type MatchRule = 'iou' | 'overlap';
export const MATCH_RULES: readonly MatchRule[] = ['iou', 'overlap'];

/** Pixels shared by ground-truth object `gt` and predicted object `pred` (ids from `labelComponents`). */
export interface Overlap {
  gt: number;
  pred: number;
  pixels: number;
}

export interface Match extends Overlap {
  iou: number;
}

/**
 * Every pair of objects of the same class that share a pixel, with the shared pixel count. One pass;
 * a run of pixels in the same pair is counted before it touches the map.
 */
export function overlaps(gt: Components, gtValues: ArrayLike<number>, pred: Components, predValues: ArrayLike<number>): Overlap[] {
  const stride = pred.count + 1;
  const shared = new Map<number, number>();
  let runKey = -1;
  let run = 0;
  const flush = () => {
    if (run) shared.set(runKey, (shared.get(runKey) ?? 0) + run);
  };
  const gtIds = gt.ids;
  const predIds = pred.ids;
  const n = gtIds.length;
  for (let i = 0; i < n; i++) {
    const g = gtIds[i];
    if (g === 0) continue;
    const p = predIds[i];
    if (p === 0 || gtValues[i] !== predValues[i]) continue;
    const key = g * stride + p;
    if (key !== runKey) {
      flush();
      runKey = key;
      run = 0;
    }
    run++;
  }
  flush();
  const out: Overlap[] = [];
  for (const [key, pixels] of shared) out.push({ gt: Math.floor(key / stride), pred: key % stride, pixels });
  return out;
}

/**
 * One-to-one matches between ground-truth and predicted objects.
 *
 * IoU > 0.5 is unique without any assignment step: objects of one class on one side are disjoint, so if
 * a ground-truth object G had IoU > 0.5 with two predictions P1 and P2, then |G∩P1| > |G∪P1|/2 ≥ |G|/2
 * and likewise |G∩P2| > |G|/2, hence |G∩P1| + |G∩P2| > |G| — impossible for disjoint P1, P2. The same
 * holds with the sides swapped. (The test 2·|G∩P| > |G∪P| is exact in integers.)
 *
 * Any overlap is not unique (one prediction may touch several objects), so matches are assigned
 * greedily: the largest shared pixel count first, then the higher IoU, then the lower ground-truth and
 * predicted ids; a pair is kept when neither object is matched yet. Deterministic for any input.
 */
export function matchObjects(gt: Components, pred: Components, shared: readonly Overlap[], rule: MatchRule): Match[] {
  const withIou = shared.map((o) => {
    const union = gt.size[o.gt - 1] + pred.size[o.pred - 1] - o.pixels;
    return { ...o, union, iou: o.pixels / union };
  });
  if (rule === 'iou') return withIou.filter((o) => 2 * o.pixels > o.union).map(({ union: _, ...m }) => m);
  withIou.sort((a, b) => b.pixels - a.pixels || a.union - b.union || a.gt - b.gt || a.pred - b.pred);
  const gtTaken = new Uint8Array(gt.count + 1);
  const predTaken = new Uint8Array(pred.count + 1);
  const out: Match[] = [];
  for (const { union: _, ...m } of withIou) {
    if (gtTaken[m.gt] || predTaken[m.pred]) continue;
    gtTaken[m.gt] = predTaken[m.pred] = 1;
    out.push(m);
  }
  return out;
}
