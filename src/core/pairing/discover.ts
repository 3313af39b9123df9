import { matchUnit, type Candidate, type LocatedPair, type Source, type Unit } from './match';
import { compare, GT_FOLDERS, gtFolderRank, isGtFolder, isMaskFile, join, normalizePath, PRED_FOLDERS, predFolder } from './paths';
import { compilePairingPattern } from './pattern';
import { folderTree, siblingUnits } from './siblings';
import { suffixUnits } from './suffixes';
import type { MaskPair, PairGroup, PairingOptions, PairingPattern, PairingResult, Unpaired } from './types';

function patternUnit(pattern: PairingPattern, files: readonly string[]): Unit {
  const matcher = compilePairingPattern(pattern);
  const gts: Candidate[] = [];
  const byModel = new Map<string, Candidate[]>();
  for (const path of files) {
    const g = matcher.gt(path);
    if (g) {
      gts.push({ path, key: g.key, stem: g.stem });
      continue; // a file both globs match is a ground truth
    }
    const p = matcher.pred(path);
    if (!p) continue;
    const list = byModel.get(p.model);
    if (list) list.push({ path, key: p.key, stem: p.stem });
    else byModel.set(p.model, [{ path, key: p.key, stem: p.stem }]);
  }
  const sources: Source[] = [...byModel.entries()].map(([model, preds]) => ({
    model,
    where: `matching '${model ? pattern.pred.replace('{model}', model) : pattern.pred}'`,
    preds,
  }));
  return { gtWhere: `matching '${pattern.gt}'`, gts, sources };
}

/** Why a file that no layout took is still worth a word, or undefined when it plays no role. */
function leftoverReason(path: string, tree: Map<string, Set<string>>): string | undefined {
  const segs = path.split('/').slice(0, -1);
  for (let i = 0; i < segs.length; i++) {
    const parent = segs.slice(0, i).join('/');
    const folder = segs.slice(0, i + 1).join('/');
    const siblings = [...(tree.get(parent) ?? [])];
    if (isGtFolder(segs[i]!)) {
      const used = siblings.filter(isGtFolder).sort((a, b) => gtFolderRank(a) - gtFolderRank(b) || compare(a, b))[0];
      return siblings.some((s) => predFolder(s)) && used !== segs[i]
        ? `${parent || '.'}/ has several ground-truth folders; ${join(parent, used!)}/ was used`
        : `no prediction folder next to ${folder}/ (one of ${PRED_FOLDERS.join(', ')}, or pred_<model>)`;
    }
    if (predFolder(segs[i]!)) return `no ground-truth folder next to ${folder}/ (one of ${GT_FOLDERS.join(', ')})`;
  }
  return undefined;
}

/** Merges pairs into groups; a dataset with one model reports model ''. Deterministic order throughout. */
function toGroups(located: LocatedPair[]): PairGroup[] {
  const groups = new Map<string, PairGroup>();
  for (const { dataset, model, pair } of located) {
    const id = `${dataset}\0${model}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { dataset, model, pairs: [] }));
    g.pairs.push(pair);
  }
  const list = [...groups.values()];
  const models = new Map<string, number>();
  for (const g of list) models.set(g.dataset, (models.get(g.dataset) ?? 0) + 1);
  for (const g of list) {
    if (models.get(g.dataset) === 1) g.model = '';
    g.pairs.sort((a, b) => compare(a.stem, b.stem) || compare(a.gt, b.gt) || compare(a.pred, b.pred));
  }
  return list.sort((a, b) => compare(a.dataset, b.dataset) || compare(a.model, b.model));
}

/**
 * Pairs ground truths with predictions from a list of paths relative to one root (POSIX or Windows
 * separators). Only .png and .npy files are considered. Order of rules: user patterns, then sibling
 * folders (gt/ vs pred/, pred/<model>/, pred_<model>/), then `_gt`/`_pred` suffixes within a folder.
 * Files are matched by path and stem, not extension: gt/a.png pairs with pred/a.npy.
 */
export function discoverPairs(files: readonly string[], opts: PairingOptions = {}): PairingResult {
  const all = [...new Set(files.map(normalizePath))].filter(isMaskFile).sort(compare);
  let free = all;
  const units: Unit[] = [];
  const take = (newUnits: Unit[]): void => {
    const used = new Set(newUnits.flatMap((u) => [...u.gts, ...u.sources.flatMap((s) => s.preds)].map((c) => c.path)));
    free = free.filter((f) => !used.has(f));
    units.push(...newUnits);
  };
  for (const pattern of opts.patterns ?? []) take([patternUnit(pattern, free)]);
  if (opts.builtin !== false) {
    take(siblingUnits(free));
    take(suffixUnits(free));
  }

  const located: LocatedPair[] = [];
  const unpaired: Unpaired[] = [];
  for (const unit of units) {
    const r = matchUnit(unit);
    located.push(...r.pairs);
    unpaired.push(...r.unpaired);
  }
  const ignored: string[] = [];
  const tree = folderTree(all);
  for (const path of free) {
    const reason = leftoverReason(path, tree);
    if (reason) unpaired.push({ path, reason });
    else ignored.push(path);
  }
  unpaired.sort((a, b) => compare(a.path, b.path) || compare(a.reason, b.reason));
  return { groups: toGroups(located), unpaired, ignored };
}

export interface PartnerResult {
  /** The file's role, when it is part of at least one pair. */
  role?: 'gt' | 'pred';
  /** Every pair the file is in: one per model for a ground truth, one for a prediction. */
  pairs: (MaskPair & { dataset: string; model: string })[];
  /** Why there is no partner, when `pairs` is empty. */
  reason?: string;
}

/** For "compare with matching mask" on one file: its partner(s) among `files`, by the same rules. */
export function findPartner(path: string, files: readonly string[], opts: PairingOptions = {}): PartnerResult {
  const target = normalizePath(path);
  if (!isMaskFile(target)) return { pairs: [], reason: `${target} is not a mask file (.png, .npy, .nii, .nii.gz, .nrrd or .npz)` };
  const result = discoverPairs([...files, target], opts);
  const pairs = result.groups.flatMap((g) =>
    g.pairs.filter((p) => p.gt === target || p.pred === target).map((p) => ({ ...p, dataset: g.dataset, model: g.model })),
  );
  if (pairs.length > 0) return { role: pairs[0]!.gt === target ? 'gt' : 'pred', pairs };
  const reasons = result.unpaired.filter((u) => u.path === target).map((u) => u.reason);
  const reason =
    reasons.length > 0
      ? reasons.join('; ')
      : 'not in a known layout: put ground truth in gt/ next to pred/, name files a_gt.png and a_pred.png, or give a pairing pattern';
  return { pairs: [], reason };
}
