import type { Candidate, Source, Unit } from './match';
import { compare, gtFolderRank, isGtFolder, join, keyOf, predFolder, type Role } from './paths';

/** Child folder names of every folder that holds something, '' being the root. */
export function folderTree(files: readonly string[]): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>();
  for (const f of files) {
    const segs = f.split('/');
    for (let i = 0; i < segs.length - 1; i++) {
      const parent = segs.slice(0, i).join('/');
      let children = tree.get(parent);
      if (!children) tree.set(parent, (children = new Set()));
      children.add(segs[i]!);
    }
  }
  return tree;
}

function candidates(files: readonly string[], prefix: string, role: Role, accept: (rel: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const path of files) {
    if (!path.startsWith(prefix)) continue;
    const rel = path.slice(prefix.length);
    if (!accept(rel)) continue;
    const key = keyOf(rel, role);
    out.push({ path, key, stem: key });
  }
  return out;
}

const firstSegment = (rel: string): string | undefined => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : undefined);

/**
 * Sibling folders: `D/gt/**` against `D/pred/**`, `D/pred/<model>/**` and `D/pred_<model>/**` (any
 * ground-truth and prediction folder names of paths.ts). Shallowest D first; a file belongs to one unit.
 * Of several ground-truth folders in one D, the first in GT_FOLDERS order is used.
 */
export function siblingUnits(files: readonly string[]): Unit[] {
  const tree = folderTree(files);
  const parents = [...tree.keys()]
    .filter((d) => [...tree.get(d)!].some(isGtFolder))
    .sort((a, b) => a.split('/').length - b.split('/').length || compare(a, b));
  const claimed = new Set<string>();
  const units: Unit[] = [];
  for (const dataset of parents) {
    const children = [...tree.get(dataset)!].sort(compare);
    const gtName = children.filter(isGtFolder).sort((a, b) => gtFolderRank(a) - gtFolderRank(b) || compare(a, b))[0]!;
    const predNames = children.filter((c) => predFolder(c));
    if (predNames.length === 0) continue;
    const free = files.filter((f) => !claimed.has(f));
    const gtPath = join(dataset, gtName);
    const gtSubfolders = tree.get(gtPath) ?? new Set<string>();
    const sources: Source[] = [];
    for (const name of predNames) {
      const path = join(dataset, name);
      const { model } = predFolder(name)!;
      if (model) {
        sources.push({ model, where: `in ${path}/`, preds: candidates(free, `${path}/`, 'pred', () => true) });
        continue;
      }
      // Subfolders of pred/ that ground truth also has mirror it; any other is one model's folder.
      const mirrored = (rel: string): boolean => {
        const top = firstSegment(rel);
        return top === undefined || gtSubfolders.has(top);
      };
      const direct = candidates(free, `${path}/`, 'pred', mirrored);
      if (direct.length > 0) sources.push({ model: name, where: `in ${path}/`, preds: direct });
      for (const sub of [...(tree.get(path) ?? [])].filter((s) => !gtSubfolders.has(s)).sort(compare)) {
        const subPath = `${path}/${sub}`;
        sources.push({ model: sub, where: `in ${subPath}/`, preds: candidates(free, `${subPath}/`, 'pred', () => true) });
      }
    }
    disambiguateModels(sources, dataset);
    const gts = candidates(free, `${gtPath}/`, 'gt', () => true);
    for (const c of [...gts, ...sources.flatMap((s) => s.preds)]) claimed.add(c.path);
    units.push({ dataset, gtWhere: `in ${gtPath}/`, gts, sources });
  }
  return units;
}

/** `pred/unet/` and `pred_unet/` would both be "unet": name such models by their folder instead. */
function disambiguateModels(sources: Source[], dataset: string): void {
  const count = new Map<string, number>();
  for (const s of sources) count.set(s.model, (count.get(s.model) ?? 0) + 1);
  for (const s of sources) {
    if (count.get(s.model)! > 1) {
      const folder = s.where.slice('in '.length, -1);
      s.model = dataset ? folder.slice(dataset.length + 1) : folder;
    }
  }
}
