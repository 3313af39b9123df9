import { discoverPairs, type PairingPattern, type Unpaired } from '../core/pairing/index';
import { comparePairs } from '../core/report/order';
import type { PairJob } from '../core/report/pairJob';
import { listMaskFiles } from './files';

export interface Discovery {
  jobs: PairJob[];
  unpaired: Unpaired[];
  /** Folders that could not be searched. */
  problems: string[];
}

/** Pairs in every DIR, with paths relative to the DIR they were found in, in the canonical order of reports. */
export function discover(dirs: readonly string[], patterns: PairingPattern[] | undefined): Discovery {
  const out: Discovery = { jobs: [], unpaired: [], problems: [] };
  for (const root of dirs) {
    const { files, problems } = listMaskFiles(root);
    out.problems.push(...problems);
    const found = discoverPairs(files, { patterns });
    for (const g of found.groups)
      for (const p of g.pairs) out.jobs.push({ root, gt: p.gt, pred: p.pred, dataset: g.dataset, model: g.model });
    out.unpaired.push(...found.unpaired.map((u) => (dirs.length > 1 ? { ...u, path: `${root}/${u.path}` } : u)));
  }
  out.jobs.sort(comparePairs);
  return out;
}
