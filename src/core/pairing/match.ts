import { baseOf, commonDir, dirOf } from './paths';
import type { MaskPair, Unpaired } from './types';

/** One file as a matching candidate: equal keys pair. */
export interface Candidate {
  path: string;
  key: string;
  stem: string;
}

/** The predictions of one model, and how to say where they were looked for ("in ds/pred/"). */
export interface Source {
  model: string;
  where: string;
  preds: Candidate[];
}

/** Ground truths and the prediction sets they are compared with. */
export interface Unit {
  /** undefined: each pair's dataset is the deepest folder holding both of its files. */
  dataset?: string;
  gtWhere: string;
  gts: Candidate[];
  sources: Source[];
}

export interface LocatedPair {
  dataset: string;
  model: string;
  pair: MaskPair;
}

function byKey(cs: Candidate[]): Map<string, Candidate[]> {
  const map = new Map<string, Candidate[]>();
  for (const c of cs) {
    const list = map.get(c.key);
    if (list) list.push(c);
    else map.set(c.key, [c]);
  }
  return map;
}

/** "two predictions a.png and a.npy" (base names when they share a folder). */
function several(what: string, cs: Candidate[]): string {
  const sameDir = cs.every((c) => dirOf(c.path) === dirOf(cs[0]!.path));
  const names = cs.map((c) => (sameDir ? baseOf(c.path) : c.path));
  const count = cs.length === 2 ? 'two' : String(cs.length);
  return `${count} ${what} ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Duplicates rule: never guess. When two files share a key on one side (a.png and a.npy), none of them
 * is paired and each, with its would-be partner, is reported as ambiguous.
 */
export function matchUnit(unit: Unit): { pairs: LocatedPair[]; unpaired: Unpaired[] } {
  const pairs: LocatedPair[] = [];
  const unpaired: Unpaired[] = [];
  const gtByKey = byKey(unit.gts);
  for (const gts of gtByKey.values()) {
    if (gts.length < 2) continue;
    const reason = `ambiguous: ${several('ground truths', gts)} for stem '${gts[0]!.stem}'`;
    for (const gt of gts) unpaired.push({ path: gt.path, reason });
  }
  for (const source of unit.sources) {
    const predByKey = byKey(source.preds);
    for (const [key, gts] of gtByKey) {
      const preds = predByKey.get(key) ?? [];
      if (gts.length > 1) {
        for (const p of preds) unpaired.push({ path: p.path, reason: `ambiguous: ${several('ground truths', gts)} for ${p.path}` });
        continue;
      }
      const gt = gts[0]!;
      if (preds.length === 0) {
        unpaired.push({ path: gt.path, reason: `no prediction with stem '${gt.stem}' ${source.where}` });
      } else if (preds.length > 1) {
        const reason = `ambiguous: ${several('predictions', preds)} for ${gt.path}`;
        for (const c of [gt, ...preds]) unpaired.push({ path: c.path, reason });
      } else {
        const pred = preds[0]!;
        pairs.push({
          dataset: unit.dataset ?? commonDir(gt.path, pred.path),
          model: source.model,
          pair: { gt: gt.path, pred: pred.path, stem: gt.stem },
        });
      }
    }
    for (const [key, preds] of predByKey) {
      if (gtByKey.has(key)) continue;
      for (const p of preds) {
        unpaired.push({ path: p.path, reason: `ground truth missing for prediction: no stem '${p.stem}' ${unit.gtWhere}` });
      }
    }
  }
  return { pairs, unpaired };
}
